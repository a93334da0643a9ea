using HeadlessCms.Bench;

// Commands of the benchmark tool; bench/run.sh drives them.
//   seed      --articles N --connection CS [--writers 2] [--force]
//   prepare   --connection CS --signing-key K --out DIR
//   baseline  --connection CS --urls http://127.0.0.1:5081
//   memory    --body FILE --urls http://127.0.0.1:5082   (S1's bytes from memory: the cached path's ceiling)
var command = args.FirstOrDefault();
var options = Options.Parse(args.Skip(1).ToArray());
try
{
    return command switch
    {
        "seed" => await Seeder.RunAsync(options.Required("connection"), options.Number("articles", 1_000_000), options.Number("writers", 2), options.Flag("force")),
        "prepare" => await Prepare.RunAsync(options.Required("connection"), options.Required("signing-key"), options.Required("out")),
        "baseline" => await Baseline.RunAsync(options.Required("connection"), options.Value("urls") ?? "http://127.0.0.1:5081"),
        "memory" => await MemoryBaseline.RunAsync(options.Required("body"), options.Value("urls") ?? "http://127.0.0.1:5082"),
        _ => Usage(),
    };
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return Usage();
}

static int Usage()
{
    Console.Error.WriteLine("""
        usage: HeadlessCms.Bench seed     --articles N --connection CS [--writers 2] [--force]
               HeadlessCms.Bench prepare  --connection CS --signing-key KEY --out DIR
               HeadlessCms.Bench baseline --connection CS [--urls http://127.0.0.1:5081]
               HeadlessCms.Bench memory   --body FILE [--urls http://127.0.0.1:5082]
        """);
    return 2;
}
