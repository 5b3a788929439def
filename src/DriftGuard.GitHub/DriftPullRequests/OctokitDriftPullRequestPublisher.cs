using Octokit;

namespace DriftGuard.GitHub.DriftPullRequests;

/// <summary>
/// <see cref="IDriftPullRequestPublisher"/> over the REST API with Octokit: <c>GET /repos/{o}/{r}/pulls?head=</c>
/// (https://docs.github.com/en/rest/pulls/pulls), <c>GET/POST …/git/refs</c> (https://docs.github.com/en/rest/git/refs),
/// <c>GET/PUT …/contents/{path}</c> (https://docs.github.com/en/rest/repos/contents), <c>POST/PATCH …/pulls</c> and
/// <c>POST …/issues/{n}/labels</c> (https://docs.github.com/en/rest/issues/labels).
/// </summary>
public sealed class OctokitDriftPullRequestPublisher(IGitHubClient client) : IDriftPullRequestPublisher
{
    /// <summary>A client for <paramref name="apiUrl"/> with <paramref name="token"/> (GitHub Enterprise Server under <c>/api/v3/</c>).</summary>
    public static OctokitDriftPullRequestPublisher Create(Uri apiUrl, string token) =>
        new(new GitHubClient(new ProductHeaderValue("DriftGuard"), new Octokit.Internal.InMemoryCredentialStore(new Credentials(token)), apiUrl));

    /// <inheritdoc />
    public async Task<DriftPullRequestResult> PublishAsync(string owner, string repository, string? baseBranch, DriftPullRequest request, CancellationToken ct)
    {
        var open = await client.PullRequest.GetAllForRepository(owner, repository,
            new PullRequestRequest { Head = $"{owner}:{request.Branch}", State = ItemStateFilter.Open }).ConfigureAwait(false);
        ct.ThrowIfCancellationRequested();
        if (open.Count > 0)
        {
            var existing = open[0];
            await WriteFilesAsync(owner, repository, request).ConfigureAwait(false);
            var updated = await client.PullRequest.Update(owner, repository, existing.Number, new PullRequestUpdate { Title = request.Title, Body = request.Body }).ConfigureAwait(false);
            return new DriftPullRequestResult("updated", updated.Number, updated.HtmlUrl);
        }
        var baseName = baseBranch ?? (await client.Repository.Get(owner, repository).ConfigureAwait(false)).DefaultBranch;
        var baseRef = await client.Git.Reference.Get(owner, repository, $"heads/{baseName}").ConfigureAwait(false);
        await client.Git.Reference.Create(owner, repository, new NewReference($"refs/heads/{request.Branch}", baseRef.Object.Sha)).ConfigureAwait(false);
        ct.ThrowIfCancellationRequested();
        await WriteFilesAsync(owner, repository, request).ConfigureAwait(false);
        var created = await client.PullRequest.Create(owner, repository, new NewPullRequest(request.Title, request.Branch, baseName) { Body = request.Body }).ConfigureAwait(false);
        if (request.Labels.Count > 0)
            await client.Issue.Labels.AddToIssue(owner, repository, created.Number, [.. request.Labels]).ConfigureAwait(false);
        return new DriftPullRequestResult("created", created.Number, created.HtmlUrl);
    }

    private async Task WriteFilesAsync(string owner, string repository, DriftPullRequest request)
    {
        var target = request.Branch;
        foreach (var file in request.Files)
        {
            var message = $"DriftGuard: codify live rule in {file.Path}";
            string? sha = null;
            try
            {
                var current = await client.Repository.Content.GetAllContentsByRef(owner, repository, file.Path, target).ConfigureAwait(false);
                sha = current.Count == 1 ? current[0].Sha : null;
            }
            catch (NotFoundException)
            {
                // A new file: created below without a sha.
            }
            if (sha is null) await client.Repository.Content.CreateFile(owner, repository, file.Path, new CreateFileRequest(message, file.Content, target)).ConfigureAwait(false);
            else await client.Repository.Content.UpdateFile(owner, repository, file.Path, new UpdateFileRequest(message, file.Content, sha, target)).ConfigureAwait(false);
        }
    }
}
