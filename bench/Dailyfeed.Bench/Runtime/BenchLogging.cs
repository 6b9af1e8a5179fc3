using Microsoft.Extensions.Logging;

namespace Dailyfeed.Bench.Runtime;

/// <summary>Logging of the suite's hosts: stdout carries the markdown report, so Orleans' warnings go to stderr.</summary>
public static class BenchLogging
{
    public static void WarningsToStandardError(ILoggingBuilder logging) => logging
        .SetMinimumLevel(LogLevel.Warning)
        .AddConsole(c => c.LogToStandardErrorThreshold = LogLevel.Trace);
}
