using System.Runtime.InteropServices;

namespace LlmOps.Processors.Evaluation.Engine;

/// <summary>
/// A dedicated thread at a lower scheduling priority (Linux: nice +10 for that thread alone), for scoring work that
/// must give way to ingest on a busy machine: when both want the CPU, the scheduler runs ingest first, and scoring
/// catches up in the gaps. The body runs blocking on the thread, so the work stays on it.
/// </summary>
internal static class LowPriorityThread
{
    /// <summary>How much the threads' nice value is raised above the process's (higher is lower priority; at most 19).</summary>
    public const int Nice = 10;

    /// <summary>
    /// Starts <paramref name="body"/> on a new background thread; the task completes when it returns. Returns once the
    /// thread runs at its lower priority, so no one sees it (named, running) at the process's priority.
    /// </summary>
    public static Task Start(string name, Action body)
    {
        ArgumentNullException.ThrowIfNull(body);
        EnsureTimerThread();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new object();
        var lowered = false;
        var thread = new Thread(() =>
        {
            // Named only once lowered: a thread seen under the name runs at the lower priority.
            Lower();
            Thread.CurrentThread.Name = name;
            lock (gate)
            {
                lowered = true;
                Monitor.PulseAll(gate);
            }

            try
            {
                body();
                done.TrySetResult();
            }
            catch (OperationCanceledException)
            {
                done.TrySetResult();
            }
#pragma warning disable CA1031 // Handed to whoever awaits the task.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                done.TrySetException(ex);
            }
        })
        {
            IsBackground = true,
        };
        thread.Start();
        lock (gate)
        {
            while (!lowered)
            {
                Monitor.Wait(gate);
            }
        }

        return done.Task;
    }

    /// <summary>
    /// A thread inherits its creator's nice value, and the runtime creates its timer thread (which fires every timer
    /// and delay of the process) on first use, from whichever thread schedules the first timer. Scheduling one here,
    /// on the caller's thread, makes sure that is not one of ours.
    /// </summary>
    private static void EnsureTimerThread()
    {
        using var timer = new Timer(static _ => { }, null, TimeSpan.FromHours(1), Timeout.InfiniteTimeSpan);
    }

    private static void Lower()
    {
        if (OperatingSystem.IsLinux())
        {
            // On Linux the nice value is per thread: PRIO_PROCESS with who = 0 reads and changes the calling thread only.
            // Raising it needs no privilege; a failure leaves the thread at the process's priority.
            _ = SetPriority(0, 0, Math.Min(19, GetPriority(0, 0) + Nice));
        }
    }

#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code for a call that passes three integers.
    [DllImport("libc", EntryPoint = "setpriority")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetPriority(int which, uint who, int priority);

    [DllImport("libc", EntryPoint = "getpriority")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int GetPriority(int which, uint who);
#pragma warning restore SYSLIB1054
}
