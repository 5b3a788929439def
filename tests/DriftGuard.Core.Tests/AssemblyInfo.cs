namespace DriftGuard.Core.Tests;
