using System.Runtime.InteropServices;
using DriftGuard.Cli;

using var cts = new CancellationTokenSource();
// SIGINT (Ctrl+C) and SIGTERM (docker stop, CI cancel) ask long-running commands (sandbox, watch) to stop cleanly.
// Commands that do not watch the token (a gate over a huge file) are ended after a short grace period.
void Stop(PosixSignalContext signal)
{
    signal.Cancel = true;
    if (cts.IsCancellationRequested) Environment.Exit(130);
    cts.Cancel();
    _ = Task.Delay(TimeSpan.FromSeconds(3)).ContinueWith(_ => Environment.Exit(130), TaskScheduler.Default);
}
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
return await DriftGuardApp.RunAsync(args, CliContext.FromConsole(), cts.Token);
