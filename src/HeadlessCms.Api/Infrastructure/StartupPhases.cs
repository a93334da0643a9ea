using System.Collections;
using System.Diagnostics;

namespace HeadlessCms.Api.Infrastructure;

/// <summary>
/// Where start-up time goes (ready in under a second is a target), logged once as one structured line: each phase is
/// a property (`HostBuildMs`, `EfModelMs`, `MigrationsMs`, ...), so a slow start can be read from any instance's log.
/// </summary>
public sealed class StartupPhases
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly List<KeyValuePair<string, object?>> phases = [];
    private long last;

    private StartupPhases(long runtimeMilliseconds) => phases.Add(new("RuntimeMs", runtimeMilliseconds));

    /// <summary>Starts timing at the first line of Program; what the runtime spent before it counts from the process's start.</summary>
    public static StartupPhases Begin()
    {
        using var process = Process.GetCurrentProcess();
        return new StartupPhases(Math.Max(0, (long)(DateTime.Now - process.StartTime).TotalMilliseconds));
    }

    /// <summary>Ends the phase that ran since the previous mark; <paramref name="phase"/> is a PascalCase name.</summary>
    public void Mark(string phase)
    {
        lock (phases)
        {
            var now = clock.ElapsedMilliseconds;
            phases.Add(new(phase + "Ms", now - last));
            last = now;
        }
    }

    public void Log(ILogger logger)
    {
        Line line;
        lock (phases)
        {
            line = new Line([.. phases, new("TotalMs", (long)phases[0].Value! + clock.ElapsedMilliseconds)]);
        }

        logger.Log(LogLevel.Information, new EventId(1, "StartupPhases"), line, null, static (l, _) => l.ToString());
    }

    private sealed class Line(List<KeyValuePair<string, object?>> values) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => values.Count + 1;

        public KeyValuePair<string, object?> this[int index] =>
            index < values.Count ? values[index] : new("{OriginalFormat}", "Start-up phases (ms): " + string.Join(", ", values.Select(v => $"{v.Key[..^2]} {{{v.Key}}}")));

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            for (var i = 0; i < Count; i++)
            {
                yield return this[i];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() =>
            "Start-up phases (ms): " + string.Join(", ", values.Select(v => $"{v.Key[..^2]} {v.Value}"));
    }
}
