namespace DriftGuard.Aws.Tests;
