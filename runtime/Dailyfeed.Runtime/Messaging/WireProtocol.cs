namespace Dailyfeed.Runtime.Messaging;

/// <summary>Names shared by both ends of a silo-to-silo grain call over HTTP/2.</summary>
internal static class WireProtocol
{
    public const string CallPath = "/dailyfeed/grain-call";
    public const string OutcomeHeader = "df-outcome";
    public const string OutcomeResult = "result";
    public const string OutcomeException = "exception";
    public const string OutcomeRejected = "rejected";
    public const string GrainTypeProperty = "g";
    public const string GrainKeyProperty = "k";
    public const string MethodProperty = "m";
    public const string ArgumentsProperty = "a";
}
