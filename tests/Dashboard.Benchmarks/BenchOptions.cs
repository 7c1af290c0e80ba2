using System.Globalization;

namespace Dashboard.Benchmarks;

/// <summary>A data size for the big-plan run: plans, milestones, and status updates (as many measurements).</summary>
public sealed record DataSize(int Plans, int Milestones, int Updates)
{
    public override string ToString() => $"{Plans:N0} plans, {Milestones:N0} milestones, {Updates:N0} status updates + {Updates:N0} measurements";

    public static DataSize Parse(string s) => s.Split(':') is [var p, var m, var u]
        ? new DataSize(int.Parse(p, CultureInfo.InvariantCulture), int.Parse(m, CultureInfo.InvariantCulture), int.Parse(u, CultureInfo.InvariantCulture))
        : throw new ArgumentException($"A data size is plans:milestones:updates, not '{s}'");
}

public sealed record BenchOptions
{
    public IReadOnlyList<int> Circuits { get; init; } = [250, 500, 1000];
    public int Rounds { get; init; } = 20;
    public int Warmup { get; init; } = 2;
    public int Browsers { get; init; } = 3;
    public int BrowserRounds { get; init; } = 10;

    /// <summary>Saves a manager clicks in Chromium per circuit count, every one counted (0: none).</summary>
    public int ClickRounds { get; init; } = 10;

    /// <summary>Seconds without saves before the second clicked save of the warm-up.</summary>
    public int QuietSeconds { get; init; } = 60;
    public int HoldSeconds { get; init; }
    public double QuietLoad { get; init; } = Environment.ProcessorCount * 1.5;
    public int QuietWaitSeconds { get; init; } = 60;
    public IReadOnlyList<DataSize> DataSizes { get; init; } = [new(5, 200, 2_000), new(50, 2_000, 100_000)];
    public int PageSamples { get; init; } = 30;
    public bool Live { get; init; } = true;
    public bool BigPlans { get; init; } = true;
    public int OpenParallelism { get; init; } = 8;
    public IReadOnlyList<string> Apps { get; init; } = ["baseline", "dashboard"];

    /// <summary>Instances of the dashboard in the multi-instance part (PostgreSQL); 1 for one instance on PostgreSQL.</summary>
    public int Instances { get; init; } = 2;

    /// <summary><c>postgres</c>: after the single SQLite instance, the dashboard on PostgreSQL; <c>sqlite</c>: that part left out.</summary>
    public string Provider { get; init; } = "postgres";

    /// <summary>A PostgreSQL server to use (allowed to create databases) instead of the tests' throwaway cluster (PostgresServer).</summary>
    public string? PostgresConnection { get; init; }

    /// <summary>The first of the loopback ports the servers and the cluster take, one after the other; 0: ports the system picks.</summary>
    public int FirstPort { get; init; }

    public string Output { get; init; } = Hosting.RepoPaths.Results;

    public bool Postgres => Provider == "postgres";

    public const string Usage = """
        dotnet run -c Release --project tests/Dashboard.Benchmarks [-- options]
          --circuits 250,500,1000   circuit counts held and pushed to, in order (each adds to the last)
          --rounds 20               measured saves per circuit count (after --warmup 2)
          --browsers 3              real Chromium pages joining the propagation run (0: none)
          --browser-rounds 10       saves measured with those pages open, after the headless rounds
          --click-rounds 10         then saves a manager clicks in Chromium (Status bijwerken, Opslaan), every one
                                    counted, timed from the click event until the last viewer has it (0: none)
          --quiet 60                seconds without saves before the second clicked save of the warm-up
          --data 5:200:2000,50:2000:100000
                                    big-plan sizes as plans:milestones:updates (as many measurements)
          --samples 30              page renders measured per page and size
          --only live|big           run one part
          --apps baseline,dashboard which apps the live part runs on one instance (the dashboard on SQLite;
                                    --servers with names says the same, as it did before --servers 2)
          --servers 2 --provider postgres
                                    then the dashboard on PostgreSQL with this many instances, the viewers
                                    split over them (--provider sqlite: leave that part out)
          --postgres "Host=...;Username=...;Database=postgres"
                                    a PostgreSQL server of yours (it must let the user create databases),
                                    instead of a throwaway cluster in a temporary folder
          --ports 55700             the servers' and the cluster's loopback ports from here on (default: free ports)
          --quiet-wait 60           before each part, wait up to this long for the load average to fall to 1.5 per core (0: don't)
          --hold 60                 keep the circuits open after each memory measurement, to profile the server
          --out FILE                where the results go (default tests/Dashboard.Benchmarks/RESULTS.md)
        """;

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        var instancesGiven = false;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);
            // --servers 2: instances on PostgreSQL; --servers baseline,dashboard: the apps, as this option was first spelt.
            BenchOptions Servers(string value)
            {
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
                {
                    return o with { Apps = value.Split(',') };
                }
                instancesGiven = true;
                return count >= 1 ? o with { Instances = count } : throw new ArgumentException("--servers needs at least 1 instance");
            }
            o = args[i] switch
            {
                "--circuits" => o with { Circuits = [.. Next().Split(',').Select(Int).Order()] },
                "--rounds" => o with { Rounds = Int(Next()) },
                "--warmup" => o with { Warmup = Int(Next()) },
                "--browsers" => o with { Browsers = Int(Next()) },
                "--browser-rounds" => o with { BrowserRounds = Int(Next()) },
                "--click-rounds" => o with { ClickRounds = Int(Next()) },
                "--quiet" => o with { QuietSeconds = Int(Next()) },
                "--hold" => o with { HoldSeconds = Int(Next()) },
                "--quiet-wait" => o with { QuietWaitSeconds = Int(Next()) },
                "--data" => o with { DataSizes = [.. Next().Split(',').Select(DataSize.Parse)] },
                "--samples" => o with { PageSamples = Int(Next()) },
                "--parallel" => o with { OpenParallelism = Int(Next()) },
                "--apps" => o with { Apps = Next().Split(',') },
                "--servers" => Servers(Next()),
                "--provider" => Next().ToLowerInvariant() switch
                {
                    "postgres" or "postgresql" => o with { Provider = "postgres" },
                    "sqlite" => o with { Provider = "sqlite" },
                    var x => throw new ArgumentException($"--provider postgres or sqlite, not {x}"),
                },
                "--postgres" => o with { PostgresConnection = Next() },
                "--ports" => o with { FirstPort = Int(Next()) },
                "--only" => Next() switch
                {
                    "live" => o with { BigPlans = false },
                    "big" => o with { Live = false },
                    var x => throw new ArgumentException($"--only live or big, not {x}"),
                },
                "--out" => o with { Output = Path.GetFullPath(Next()) },
                var x => throw new ArgumentException($"Unknown option {x}"),
            };
        }
        if (o.Provider == "sqlite" && instancesGiven && o.Instances > 1)
        {
            throw new ArgumentException("SQLite serves one instance: --servers 2 needs --provider postgres");
        }
        return o;
    }
}
