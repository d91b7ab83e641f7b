using NCrontab;

namespace Alerts.Host.Standalone;

/// <summary>A job on a 6-field NCRONTAB schedule (seconds first), the same library and syntax as Functions timer triggers. UTC.</summary>
public sealed record CronJob(string Name, CrontabSchedule Schedule, Func<CancellationToken, Task> Run)
{
    public static CronJob Create(string name, string expression, Func<CancellationToken, Task> run)
    {
        var schedule = CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true })
            ?? throw new FormatException($"Schedule of job '{name}' is not a 6-field cron expression: '{expression}'.");
        return new CronJob(name, schedule, run);
    }

    public DateTimeOffset NextAfter(DateTimeOffset instant) =>
        new(DateTime.SpecifyKind(Schedule.GetNextOccurrence(instant.UtcDateTime), DateTimeKind.Utc));
}
