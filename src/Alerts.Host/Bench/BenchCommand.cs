using System.CommandLine;

namespace Alerts.Host.Bench;

/// <summary><c>alerts bench pipeline</c>: a measurement to run by hand on a quiet machine, not a test.</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var defaults = new BenchOptions();
        var events = new Option<int>("--events") { Description = "Distinct events in the burst (and for Alertmanager)", DefaultValueFactory = _ => defaults.Events };
        var rate = new Option<int>("--steady-rate") { Description = "Events/s of the steady stage", DefaultValueFactory = _ => defaults.SteadyRate };
        var seconds = new Option<int>("--steady-seconds") { Description = "Length of the steady stage (0 skips it)", DefaultValueFactory = _ => defaults.SteadySeconds };
        var pending = new Option<int>("--pending") { Description = "Deliveries left pending (delivery paused) for the memory reading (0 skips it)", DefaultValueFactory = _ => defaults.Pending };
        var replay = new Option<int>("--replay") { Description = "Events replayed, against the old way (0 skips it)", DefaultValueFactory = _ => defaults.Replay };
        var warmUp = new Option<int>("--warm-up") { Description = "Events delivered by a fresh service before a timed stage (0 times it cold)", DefaultValueFactory = _ => defaults.WarmUp };
        var alertmanager = new Option<string>("--alertmanager") { Description = "Alertmanager executable", DefaultValueFactory = _ => defaults.Alertmanager };
        var pipeline = new Command("pipeline", "Measure the pipeline end to end: deliveries/s, latency, memory, replay, and Alertmanager on the same receiver")
        {
            events, rate, seconds, pending, replay, warmUp, alertmanager,
        };
        pipeline.SetAction((parse, cancellationToken) => PipelineBenchmark.RunAsync(
            defaults with
            {
                Events = parse.GetValue(events),
                SteadyRate = parse.GetValue(rate),
                SteadySeconds = parse.GetValue(seconds),
                Pending = parse.GetValue(pending),
                Replay = parse.GetValue(replay),
                WarmUp = parse.GetValue(warmUp),
                Alertmanager = parse.GetValue(alertmanager)!,
            },
            Console.Out,
            cancellationToken));
        return new Command("bench", "Benchmarks") { pipeline };
    }
}
