namespace LlmOps.Management.Evaluation;

/// <summary>Student's t distribution via the regularized incomplete beta function (Lentz continued fraction).</summary>
internal static class StudentT
{
    /// <summary>Two-sided p-value of a t statistic with <paramref name="df"/> degrees of freedom.</summary>
    public static double TwoSidedP(double t, double df)
    {
        if (double.IsNaN(t) || df <= 0)
        {
            return 1;
        }

        if (double.IsInfinity(t))
        {
            return 0;
        }

        var x = df / (df + (t * t));
        return Math.Clamp(RegularizedBeta(x, df / 2, 0.5), 0, 1);
    }

    public static double RegularizedBeta(double x, double a, double b)
    {
        if (x <= 0)
        {
            return 0;
        }

        if (x >= 1)
        {
            return 1;
        }

        var lnFront = LogGamma(a + b) - LogGamma(a) - LogGamma(b) + (a * Math.Log(x)) + (b * Math.Log(1 - x));
        var front = Math.Exp(lnFront);
        return x < (a + 1) / (a + b + 2)
            ? front * ContinuedFraction(x, a, b) / a
            : 1 - (front * ContinuedFraction(1 - x, b, a) / b);
    }

    private static double ContinuedFraction(double x, double a, double b)
    {
        const double Tiny = 1e-300;
        const double Epsilon = 1e-14;
        double c = 1, d = 1 - ((a + b) * x / (a + 1));
        d = Math.Abs(d) < Tiny ? Tiny : d;
        d = 1 / d;
        var h = d;
        for (var m = 1; m <= 300; m++)
        {
            var m2 = 2 * m;
            var num = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 + (num * d);
            d = Math.Abs(d) < Tiny ? Tiny : d;
            c = 1 + (num / c);
            c = Math.Abs(c) < Tiny ? Tiny : c;
            d = 1 / d;
            h *= d * c;
            num = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 + (num * d);
            d = Math.Abs(d) < Tiny ? Tiny : d;
            c = 1 + (num / c);
            c = Math.Abs(c) < Tiny ? Tiny : c;
            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < Epsilon)
            {
                break;
            }
        }

        return h;
    }

    /// <summary>ln Γ(z) by the Lanczos approximation (g = 7, 9 coefficients).</summary>
    public static double LogGamma(double z)
    {
        ReadOnlySpan<double> g =
        [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
        ];
        if (z < 0.5)
        {
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * z))) - LogGamma(1 - z);
        }

        z -= 1;
        var x = g[0];
        for (var i = 1; i < g.Length; i++)
        {
            x += g[i] / (z + i);
        }

        var t = z + 7.5;
        return (0.5 * Math.Log(2 * Math.PI)) + ((z + 0.5) * Math.Log(t)) - t + Math.Log(x);
    }
}
