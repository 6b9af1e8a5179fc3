namespace Dailyfeed.Orleans.Outbox;

/// <summary>
/// Identity of one virtual actor: the grain interface's type name plus the key in canonical text form
/// (Guid "D" format, long invariant digits). The identity, not an address, is what placement hashes.
/// </summary>
public readonly record struct GrainId(string Type, string Key)
{
    public override string ToString() => $"{Type}/{Key}";
}
