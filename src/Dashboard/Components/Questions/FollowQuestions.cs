using Dashboard.Components.Shared;
using Dashboard.Progress;
using Dashboard.Questions;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Questions;

/// <summary>
/// Hands its owner the plan's questions after every change of them, as <see cref="Reader"/> may see them: one read per change
/// for every screen of the instance; a non-public question never reaches a screen whose reader may not see it.
/// </summary>
public sealed class FollowQuestions : Follower<IReadOnlyList<QuestionView>>
{
    [Inject] private LiveUpdates Live { get; set; } = default!;

    /// <summary>The plan whose questions to follow, or null for none.</summary>
    [Parameter, EditorRequired] public required int? PlanId { get; set; }

    [Parameter, EditorRequired] public required QuestionReader Reader { get; set; }

    protected override int? Followed => PlanId;

    protected override IDisposable Subscribe(int id, Func<IReadOnlyList<QuestionView>, Task> onChange) =>
        Live.SubscribeQuestions(id, questions => onChange(Reader.See(questions)));
}
