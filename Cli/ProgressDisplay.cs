using Dlm.Experiments.Studies;
using Dlm.Training;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace Dlm.Cli;

/// <summary>
/// What a long library call reports to: a progress display on standard error (one bar per stage, added when the stage
/// first reports), training logs, and a token that Ctrl-C cancels, so that training stops at a checkpoint.
/// </summary>
internal sealed class ProgressDisplay
{
    private readonly ProgressContext _context;

    private ProgressDisplay(ProgressContext context, ILogger logger, CancellationToken cancel)
    {
        _context = context;
        Logger = logger;
        Cancel = cancel;
    }

    /// <summary>Training logs.</summary>
    public ILogger Logger { get; }

    /// <summary>Cancelled by Ctrl-C.</summary>
    public CancellationToken Cancel { get; }

    /// <summary>Runs <paramref name="body"/> under the display and returns its result.</summary>
    public static T Run<T>(CommandConsole console, Func<ProgressDisplay, T> body)
    {
        using var loggers = LoggerFactory.Create(b =>
            b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information)
        );
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler stop = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += stop;
        try
        {
            T result = default!;
            console
                .Progress()
                .Start(context =>
                    result = body(new ProgressDisplay(context, loggers.CreateLogger("dlm"), cancel.Token))
                );
            return result;
        }
        finally
        {
            Console.CancelKeyPress -= stop;
        }
    }

    /// <summary>A bar for training: the step, the loss and the throughput.</summary>
    public IProgress<TrainingProgress> Training() =>
        Bar<TrainingProgress>(
            "training",
            (task, p) =>
            {
                task.MaxValue = 1000;
                task.Value = 1000 * p.Spent;
                task.Description = $"step {p.Step}: loss {p.Loss:F4}, {p.TokensPerSecond:F0} tokens/s";
            }
        );

    /// <summary>A bar for the stages of a study.</summary>
    public IProgress<StudyProgress> Study() =>
        Bar<StudyProgress>(
            "study",
            (task, p) =>
            {
                task.MaxValue = p.Total;
                task.Value = p.Done;
                task.Description = Markup.Escape(p.Stage);
            }
        );

    /// <summary>A bar of <paramref name="total"/> units, advanced one unit per call.</summary>
    public Action Counter(string description, int total)
    {
        var task = _context.AddTask(Markup.Escape(description), maxValue: total);
        return () => task.Increment(1);
    }

    private Progress<T> Bar<T>(string name, Action<ProgressTask, T> update)
    {
        ProgressTask? task = null;
        return new Progress<T>(p => update(task ??= _context.AddTask(name, maxValue: 1), p));
    }
}
