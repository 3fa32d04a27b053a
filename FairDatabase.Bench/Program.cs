using FairDatabase.Bench;
using FairDatabase.Bench.Pages;

// One subcommand per benchmark; scripts/bench.sh passes its arguments through.
return args.Length == 0 ? Usage() : args[0] switch
{
    "privacy" => PrivacyBenchmark.Run(args[1..]),
    "releases" => ReleaseRiskBenchmark.Run(args[1..]),
    "gen-csv" => await GenerateCsv.RunAsync(args[1..]),
    "prep-copy" => await PrepareCopyFiles.RunAsync(args[1..]),
    "transpose" => await TransposeBenchmark.RunAsync(args[1..]),
    "pages" => await PagesBenchmark.RunAsync(args[1..]),
    "gen-patients" => await GeneratePatientsCsv.RunAsync(args[1..]),
    "store-release" => await StoreRelease.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: FairDatabase.Bench privacy [--rows N] [--seed S]");
    Console.Error.WriteLine("       FairDatabase.Bench releases [--rows N]");
    Console.Error.WriteLine("       FairDatabase.Bench gen-csv --rows N --columns N --out FILE [--seed S]");
    Console.Error.WriteLine("       FairDatabase.Bench pages --base URL [--users 50] [--seconds 20] [--rate 500] [--rows 100] [--columns 1500]");
    Console.Error.WriteLine("       FairDatabase.Bench gen-patients --rows N --out FILE [--seed S]");
    Console.Error.WriteLine("       FairDatabase.Bench store-release --csv FILE --owner UUID --db URL");
    Console.Error.WriteLine("       FairDatabase.Bench prep-copy --in FILE --out-dir DIR [--chunk 1200] [--hash]");
    Console.Error.WriteLine("       FairDatabase.Bench transpose --format json|tsv [--features N] [--samples N]");
    return 2;
}
