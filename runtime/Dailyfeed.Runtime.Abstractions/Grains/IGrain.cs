namespace Dailyfeed.Runtime;

/// <summary>Marker for every grain interface. Pick one of the keyed variants below.</summary>
public interface IGrain;

public interface IGrainWithStringKey : IGrain;

public interface IGrainWithGuidKey : IGrain;

public interface IGrainWithIntegerKey : IGrain;
