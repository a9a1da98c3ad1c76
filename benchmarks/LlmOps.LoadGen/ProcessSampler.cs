using System.Globalization;

namespace LlmOps.LoadGen;

/// <summary>Samples a process's CPU time (utime + stime from /proc/PID/stat) and RSS (VmRSS from /proc/PID/status).</summary>
internal sealed class ProcessSampler(int pid)
{
    private const double ClockTicksPerSecond = 100.0;

    public bool Available => pid > 0 && File.Exists($"/proc/{pid}/stat");

    /// <summary>CPU seconds consumed so far.</summary>
    public double CpuSeconds()
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // Field 2 (comm) may contain spaces: parse after the closing parenthesis. utime and stime are fields 14 and 15.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (utime + stime) / ClockTicksPerSecond;
    }

    public long RssBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kb = line["VmRSS:".Length..].Trim().Split(' ')[0];
                return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }
}
