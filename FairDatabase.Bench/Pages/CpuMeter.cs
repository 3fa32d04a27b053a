using System.Globalization;

namespace FairDatabase.Bench.Pages;

/// <summary>
/// CPU time used by the given processes and their direct children (PostgreSQL's backends are the
/// postmaster's children), read from /proc: a process's own time, its live children's, and that of
/// children already ended (cutime/cstime), so a backend or autovacuum worker ending mid-phase is kept. On a shared machine the wall-clock figures depend on
/// what else runs; CPU milliseconds per request do not.
/// </summary>
internal sealed class CpuMeter(IReadOnlyList<int> pids)
{
    private static readonly double TicksPerMs = 100 / 1000.0; // USER_HZ is 100 on Linux

    public bool Enabled => pids.Count > 0;

    /// <summary>Milliseconds of CPU per watched process tree, in the order given.</summary>
    public double[] Sample() => pids.Select(p => (Ticks(p, withEnded: true) + Children(p).Sum(c => Ticks(c, withEnded: false))) / TicksPerMs).ToArray();

    private static IEnumerable<int> Children(int pid)
    {
        var children = $"/proc/{pid}/task/{pid}/children";
        if (!File.Exists(children)) yield break;
        foreach (var child in File.ReadAllText(children).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            yield return int.Parse(child, CultureInfo.InvariantCulture);
    }

    private static long Ticks(int pid, bool withEnded)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the command name (which may hold spaces) start after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var count = withEnded ? 4 : 2; // utime, stime[, cutime, cstime]
            return fields.Skip(11).Take(count).Sum(f => long.Parse(f, CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            return 0; // the process ended between listing and reading
        }
    }
}
