using LlmOps.Processors.Configuration;
using LlmOps.Processors.Evaluation.Engine;

namespace LlmOps.Processors.Tests.Evaluation.Engine;

public sealed class EvaluationOptionsValidatorTests
{
    private static IReadOnlyList<string> Validate(EvaluationOptions options)
    {
        var errors = new ValidationErrors().At("exporters.evaluation");
        new EvaluationOptionsValidator().Validate(options, errors);
        return errors.All;
    }

    [Fact]
    public void Defaults_AreValid() => Assert.Empty(Validate(new EvaluationOptions()));

    [Theory]
    [InlineData(-1)]
    [InlineData(1001)]
    public void YieldToIngest_OutOfRange_NamesTheKey(int milliseconds)
    {
        var errors = Validate(new EvaluationOptions { YieldToIngest = TimeSpan.FromMilliseconds(milliseconds) });
        Assert.Contains(errors, e => e.StartsWith("exporters.evaluation.yield_to_ingest:", StringComparison.Ordinal));
    }

    [Fact]
    public void YieldToIngest_Zero_TurnsWaitingOff() =>
        Assert.Empty(Validate(new EvaluationOptions { YieldToIngest = TimeSpan.Zero }));
}
