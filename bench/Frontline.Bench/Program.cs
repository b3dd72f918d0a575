using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

// A short job keeps a run to about a minute on a shared two-core box; the operations-per-second column is the
// figure the service-level docs quote. The default config already prints and exports the GitHub Markdown table.
var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun)
    .AddColumn(StatisticColumn.OperationsPerSecond)
    .WithOptions(ConfigOptions.JoinSummary);
BenchmarkSwitcher.FromAssembly(typeof(Frontline.Bench.ClockBenchmarks).Assembly).Run(args, config);
