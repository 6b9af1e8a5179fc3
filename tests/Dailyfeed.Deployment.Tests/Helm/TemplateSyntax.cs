namespace Dailyfeed.Deployment.Tests.Helm;

// The parsed shape of a Go text/template, limited to what Helm charts use:
// text, output actions, variables, if/else if/else, with, range and define.

internal abstract record TemplateNode;

internal sealed record TextNode(string Text) : TemplateNode;

/// <summary>An action that prints its pipeline, or only declares/assigns a variable.</summary>
internal sealed record ActionNode(Pipeline Pipeline) : TemplateNode;

internal sealed record IfNode(IReadOnlyList<ConditionalBranch> Branches, IReadOnlyList<TemplateNode> Else) : TemplateNode;

internal sealed record ConditionalBranch(Pipeline Condition, IReadOnlyList<TemplateNode> Body);

internal sealed record WithNode(Pipeline Value, IReadOnlyList<TemplateNode> Body, IReadOnlyList<TemplateNode> Else) : TemplateNode;

internal sealed record RangeNode(Pipeline Source, IReadOnlyList<TemplateNode> Body, IReadOnlyList<TemplateNode> Else) : TemplateNode;

/// <summary>`$a := x`, `$a = x` or `$k, $v := x` (range) in front of a pipeline.</summary>
internal sealed record Pipeline(IReadOnlyList<string> Variables, bool Declares, IReadOnlyList<Command> Commands)
{
    public bool OnlyBindsVariables => Variables.Count > 0;
}

/// <summary>One stage of a pipeline: a function with arguments, or a single operand.</summary>
internal sealed record Command(IReadOnlyList<Operand> Operands);

internal abstract record Operand;

internal sealed record LiteralOperand(object? Value) : Operand;

internal sealed record FunctionOperand(string Name) : Operand;

/// <summary>`.A.B` (Variable null: relative to dot), `$v.A.B` or `$`.</summary>
internal sealed record FieldOperand(string? Variable, IReadOnlyList<string> Path) : Operand;

internal sealed record NestedOperand(Pipeline Pipeline, IReadOnlyList<string> Path) : Operand;

internal sealed class TemplateException(string message) : Exception(message);
