using DriftGuard.Cli;

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
return await DriftGuardApp.RunAsync(args, CliContext.FromConsole(), cts.Token);
