namespace Dailyfeed.Runtime.Streams;

/// <summary>An activation's events waiting for its next state write; taken (and cleared) by that write.</summary>
internal interface IPendingEvents
{
    IReadOnlyList<StreamEvent> TakePending();
}
