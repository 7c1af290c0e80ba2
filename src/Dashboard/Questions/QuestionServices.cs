namespace Dashboard.Questions;

public static class QuestionServices
{
    /// <summary>Technische vragen: asked by council members, answered by the team on time, read by every council member allowed to.</summary>
    public static IServiceCollection AddQuestions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<QuestionOptions>().Bind(configuration.GetSection(QuestionOptions.Section));
        services.AddSingleton<QuestionDeadlines>();
        services.AddSingleton<QuestionQueries>();
        services.AddSingleton<QuestionEditor>();
        services.AddSingleton<QuestionMail>();
        services.AddSingleton<AnswerRoundUps>();
        services.AddSingleton<QuestionExport>();
        return services;
    }
}
