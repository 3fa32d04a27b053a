using FairDatabase.Bench;

// One subcommand per benchmark; scripts/bench.sh passes its arguments through.
return args.Length == 0 ? Usage() : args[0] switch
{
    "privacy" => PrivacyBenchmark.Run(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: FairDatabase.Bench privacy [--rows N] [--seed S]");
    return 2;
}
