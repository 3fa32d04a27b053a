using System.Globalization;

namespace FairDatabase.Bench.Pages;

/// <summary>
/// CPU time used by the given processes and their direct children (PostgreSQL's backends are the
/// postmaster's children), read from /proc. On a shared machine the wall-clock figures depend on
/// what else runs; CPU milliseconds per request do not.
/// </summary>
internal sealed class CpuMeter(IReadOnlyList<int> pids)
{
    private static readonly double TicksPerMs = 100 / 1000.0; // USER_HZ is 100 on Linux

    public bool Enabled => pids.Count > 0;

    /// <summary>Milliseconds of CPU per watched process tree, in the order given.</summary>
    public double[] Sample() => pids.Select(p => Tree(p).Sum(Ticks) / TicksPerMs).ToArray();

    private static IEnumerable<int> Tree(int pid)
    {
        yield return pid;
        var children = $"/proc/{pid}/task/{pid}/children";
        if (!File.Exists(children)) yield break;
        foreach (var child in File.ReadAllText(children).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            yield return int.Parse(child, CultureInfo.InvariantCulture);
    }

    private static long Ticks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the command name (which may hold spaces) start after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0; // the process ended between listing and reading
        }
    }
}
