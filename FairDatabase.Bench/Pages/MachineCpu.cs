using System.Globalization;

namespace FairDatabase.Bench.Pages;

/// <summary>
/// Busy and total CPU milliseconds of the whole machine since boot, from the first line of
/// /proc/stat (all cores together): the difference of two samples says how busy the machine was,
/// whoever used it (other builds included).
/// </summary>
internal readonly record struct MachineCpu(double BusyMs, double TotalMs)
{
    private const double MsPerTick = 10; // USER_HZ is 100 on Linux

    public static MachineCpu Sample()
    {
        if (!File.Exists("/proc/stat")) return default;
        // cpu  user nice system idle iowait irq softirq steal guest guest_nice
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Skip(1).Take(8).Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var idle = fields[3] + fields[4];
        var total = fields.Sum();
        return new MachineCpu((total - idle) * MsPerTick, total * MsPerTick);
    }

    public static MachineCpu operator -(MachineCpu a, MachineCpu b) => new(a.BusyMs - b.BusyMs, a.TotalMs - b.TotalMs);
}
