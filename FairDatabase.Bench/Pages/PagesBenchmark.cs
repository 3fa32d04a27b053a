using System.Diagnostics;
using System.Globalization;
using FairDatabase.Core.Datasets;

namespace FairDatabase.Bench.Pages;

/// <summary>
/// <c>pages --base URL [--users 50] [--seconds 20] [--rate 500] [--rows 100] [--columns 1500] [--mix …] [--cpu-pids P,Q]</c>
/// (with FAIRDB_BENCH_ADMIN_URL set, a VACUUM ANALYZE after the setup):
/// signs up the users, uploads one wide dataset for each, then has every user cycle through the
/// dashboard, the search page, a column search and a table preview. Two measured phases: paced at
/// a fixed total rate (latency counted from when each request was due, so a stall is not hidden)
/// and closed-loop (each user sends the next request as soon as the last one answered); with
/// --cpu-pids, the CPU time those processes used per closed-loop request.
/// </summary>
internal static class PagesBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        Uri? baseAddress = null;
        int users = 50, seconds = 20, rate = 500, rows = 100, columns = 1500;
        string[] mix = AllKinds;
        var watched = new List<int>();
        // A superuser connection for the VACUUM after the setup: from the environment, not the
        // command line, where every process could read its password.
        var vacuumUrl = Environment.GetEnvironmentVariable("FAIRDB_BENCH_ADMIN_URL");
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            switch (args[i])
            {
                case "--base": baseAddress = new Uri(value); break;
                case "--users": users = Int(value); break;
                case "--seconds": seconds = Int(value); break;
                case "--rate": rate = Int(value); break;
                case "--rows": rows = Int(value); break;
                case "--columns": columns = Int(value); break;
                case "--mix": mix = value.Split(','); break;
                case "--cpu-pids": watched = value.Split(',').Select(Int).ToList(); break;
                default: return Usage();
            }
        }
        if (baseAddress is null || users < 1 || seconds < 1 || mix.Length == 0 || !mix.All(AllKinds.Contains)) return Usage();
        _mix = mix;

        using var stream = new MemoryStream();
        await new MicrobiomeCsvGenerator { Rows = rows, TaxaColumns = columns }.WriteAsync(stream);
        var csv = stream.ToArray();
        var clients = Enumerable.Range(0, users).Select(_ => new BenchUser(baseAddress)).ToList();
        try
        {
            var setup = Stopwatch.StartNew();
            // A few at a time: uploads are heavy and are not what is measured.
            await Parallel.ForEachAsync(clients, new ParallelOptions { MaxDegreeOfParallelism = 4 },
                async (u, ct) => await u.SignUpAndUploadAsync(csv, ct));
            Console.WriteLine($"setup:           {users} users signed up, each with a {rows} x {columns + MicrobiomeCsvGenerator.MetadataColumns} dataset ({setup.Elapsed.TotalSeconds:F1} s)");

            var meter = new CpuMeter(watched);
            if (!string.IsNullOrEmpty(vacuumUrl)) await VacuumAsync(vacuumUrl);
            await RunPhaseAsync(clients, TimeSpan.FromSeconds(Math.Min(5, seconds)), 0, new LatencyRecorder()); // warm-up
            if (rate > 0)
            {
                var paced = new LatencyRecorder();
                var took = await RunPhaseAsync(clients, TimeSpan.FromSeconds(seconds), rate, paced);
                paced.Print($"paced at {rate} requests/s offered, {users} users", took);
            }
            var closed = new LatencyRecorder();
            var before = meter.Sample();
            var generatorBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var machineBefore = MachineCpu.Sample();
            var elapsed = await RunPhaseAsync(clients, TimeSpan.FromSeconds(seconds), 0, closed);
            var cpu = meter.Sample().Zip(before, (a, b) => a - b).ToArray();
            var generator = (Process.GetCurrentProcess().TotalProcessorTime - generatorBefore).TotalMilliseconds;
            var machine = MachineCpu.Sample() - machineBefore;
            closed.Print($"closed loop, {users} users (each sends as soon as answered)", elapsed);
            if (meter.Enabled)
                Console.WriteLine($"  CPU/request:   {string.Join(", ", watched.Select((p, i) => $"pid {p} {cpu[i] / closed.Count:F2} ms"))}");
            // Whether the load generator is what limits: its share, and how busy the whole machine was.
            Console.WriteLine($"  CPU/request:   load generator {generator / closed.Count:F2} ms; whole machine {machine.BusyMs / closed.Count:F2} ms " +
                $"({machine.BusyMs / (machine.TotalMs) * 100:F0} % of {Environment.ProcessorCount} cores busy)");
            return 0;
        }
        finally
        {
            foreach (var c in clients) c.Dispose();
        }
    }

    /// <summary>
    /// VACUUM ANALYZE after the setup, as after any bulk load: otherwise autovacuum analyzes the 50
    /// wide tables (and the 75,000 column rows) the setup just wrote in the middle of the measured
    /// phases, seconds of PostgreSQL CPU that belong to the uploads, not to browsing.
    /// </summary>
    private static async Task VacuumAsync(string url)
    {
        var clock = Stopwatch.StartNew();
        await using var connection = new Npgsql.NpgsqlConnection(FairDatabase.Core.Data.ConnectionStrings.Normalize(url));
        await connection.OpenAsync();
        await using var vacuum = new Npgsql.NpgsqlCommand("VACUUM (ANALYZE)", connection) { CommandTimeout = 600 };
        await vacuum.ExecuteNonQueryAsync();
        Console.WriteLine($"vacuum analyze:  {clock.Elapsed.TotalSeconds:F1} s after the setup, before measuring");
    }

    /// <summary>Runs every user's loop for <paramref name="length"/>; returns the seconds actually spent.</summary>
    private static async Task<double> RunPhaseAsync(List<BenchUser> clients, TimeSpan length, int rate, LatencyRecorder recorder)
    {
        var clock = Stopwatch.StartNew();
        var interval = rate > 0 ? TimeSpan.FromSeconds((double)clients.Count / rate) : TimeSpan.Zero;
        var loops = clients.Select((u, i) => Task.Run(() => UserLoopAsync(u, i, clients.Count, clock, length, interval, recorder))).ToList();
        await Task.WhenAll(loops);
        return clock.Elapsed.TotalSeconds;
    }

    private static async Task UserLoopAsync(BenchUser user, int index, int userCount, Stopwatch clock, TimeSpan length, TimeSpan interval, LatencyRecorder recorder)
    {
        var lane = recorder.NewLane();
        // Spread the users over one interval so the paced requests do not arrive in bursts.
        var due = interval * ((double)index / userCount);
        for (var n = index; ; n++)
        {
            if (interval > TimeSpan.Zero)
            {
                due += interval;
                var wait = due - clock.Elapsed;
                if (wait > TimeSpan.Zero) await Task.Delay(wait);
            }
            var start = interval > TimeSpan.Zero ? due : clock.Elapsed;
            if (start >= length || clock.Elapsed >= length) return;
            var kind = _mix[n % _mix.Length];
            using var request = NextRequest(user, kind);
            try
            {
                var (status, instance) = await user.SendAsync(request, CancellationToken.None);
                recorder.Record(lane, kind, (clock.Elapsed - start).TotalMilliseconds, status, instance);
            }
            catch (HttpRequestException)
            {
                recorder.RecordFailure(lane, kind, (clock.Elapsed - start).TotalMilliseconds);
            }
        }
    }

    /// <summary>The browsing cycle: dashboard, search page, a column search, a preview (or the kinds given with --mix).</summary>
    private static readonly string[] AllKinds = ["dashboard", "search", "find", "preview"];
    private static string[] _mix = AllKinds;

    private static HttpRequestMessage NextRequest(BenchUser user, string kind) => kind switch
    {
        "dashboard" => new HttpRequestMessage(HttpMethod.Get, "/dashboard"),
        "search" => new HttpRequestMessage(HttpMethod.Get, "/dashboard/search"),
        "find" => new HttpRequestMessage(HttpMethod.Post, "/dashboard/search")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["search"] = "otu0001",
                ["__RequestVerificationToken"] = user.SearchToken,
            }),
        },
        _ => new HttpRequestMessage(HttpMethod.Get, "/dashboard/table_preview?table_name=" + Uri.EscapeDataString(user.TableName)),
    };

    private static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture);

    private static int Usage()
    {
        Console.Error.WriteLine("usage: FairDatabase.Bench pages --base URL [--users 50] [--seconds 20] [--rate 500] [--rows 100] [--columns 1500] [--mix dashboard,search,find,preview] [--cpu-pids P,Q]");
        return 2;
    }
}
