// Orleans' serializer attributes ([GenerateSerializer], [Id], [Alias], [Immutable]) live in namespace Orleans, which
// also declares grain marker interfaces named like the home-made runtime's. While both runtimes coexist, these aliases
// keep the runtime's markers (an alias wins over a namespace import), so every contract file writes the attributes
// plainly. Deleting the aliases is all it takes to switch the markers to Orleans'.
global using Orleans;
global using IGrainWithGuidKey = Dailyfeed.Runtime.IGrainWithGuidKey;
global using IGrainWithIntegerKey = Dailyfeed.Runtime.IGrainWithIntegerKey;
global using IGrainWithStringKey = Dailyfeed.Runtime.IGrainWithStringKey;
global using IRemindable = Dailyfeed.Runtime.IRemindable;
