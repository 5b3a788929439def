namespace DriftGuard.Cli.Tests;
