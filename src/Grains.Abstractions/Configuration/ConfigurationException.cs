namespace TileCluster.Grains.Abstractions.Configuration;

/// <summary>Invalid configuration or style: start-up stops and prints this message, which names the setting or file and line.</summary>
public class ConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ConfigurationException()
    {
    }
}
