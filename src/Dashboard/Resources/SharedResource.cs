namespace Dashboard.Resources;

/// <summary>Marker for the UI texts: SharedResource.resx is Dutch (the default), SharedResource.en.resx English.</summary>
public sealed class SharedResource;
