namespace Dashboard.Users;

public static class UserServices
{
    /// <summary>Accounts: who an actor is, and the beheerder's user administration.</summary>
    public static IServiceCollection AddUsers(this IServiceCollection services)
    {
        services.AddSingleton<UserDirectory>();
        services.AddSingleton<UserAdministration>();
        return services;
    }
}
