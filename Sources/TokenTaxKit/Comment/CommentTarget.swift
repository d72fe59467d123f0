import Foundation
import JSON

/// Which pull / merge request to comment on, with what token, found from flags first and then
/// the CI's environment (GitHub Actions, GitLab CI).
struct CommentTarget {
  var api: URL
  var token: String
  /// `owner/name` on GitHub; a project id or `group/project` path on GitLab.
  var repository: String
  var number: Int

  static func resolve(
    _ host: CodeHost, repository flagRepository: String?, number flagNumber: Int?, environment: [String: String]
  ) throws -> CommentTarget {
    func variable(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
    guard let token = variable(host.tokenVariable) else {
      let hint =
        host == .github
        ? "in a workflow add 'env: GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}' to the step"
        : "create a project access token with the 'api' scope and store it as a masked CI/CD variable"
      throw CommentError("\(host.tokenVariable) is not set, so tokentax cannot post the comment; \(hint)")
    }
    switch host {
    case .github:
      let api = variable("GITHUB_API_URL") ?? "https://api.github.com"
      guard let repository = flagRepository ?? variable("GITHUB_REPOSITORY") else {
        throw CommentError("no repository: pass --repo owner/name or run inside GitHub Actions (GITHUB_REPOSITORY)")
      }
      let parts = repository.split(separator: "/", omittingEmptySubsequences: false)
      let valid =
        parts.count == 2
        && parts.allSatisfy { part in
          !part.isEmpty && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
        }
      guard valid else { throw CommentError("--repo '\(repository)' is not owner/name, e.g. --repo octo-org/web") }
      let number = try flagNumber ?? pullRequestNumber(environment)
      return CommentTarget(api: try url(api, "GITHUB_API_URL"), token: token, repository: repository, number: number)
    case .gitlab:
      let api = variable("CI_API_V4_URL") ?? "https://gitlab.com/api/v4"
      guard let project = flagRepository ?? variable("CI_MERGE_REQUEST_PROJECT_ID") ?? variable("CI_PROJECT_ID") else {
        throw CommentError(
          "no project: pass --repo <project id or group/project> or run in a GitLab CI job (CI_PROJECT_ID)")
      }
      guard let number = try flagNumber ?? variable("CI_MERGE_REQUEST_IID").map(iid) else {
        throw CommentError(
          "no merge request: CI_MERGE_REQUEST_IID is unset, so run the job in a merge request pipeline "
            + "('rules: - if: $CI_PIPELINE_SOURCE == \"merge_request_event\"') or pass --pr <iid>")
      }
      return CommentTarget(api: try url(api, "CI_API_V4_URL"), token: token, repository: project, number: number)
    }
  }

  private static func url(_ text: String, _ variable: String) throws -> URL {
    guard let url = URL(string: text), url.scheme == "https" || url.scheme == "http", url.host != nil else {
      throw CommentError("\(variable) '\(text)' is not an http(s) address")
    }
    return url
  }

  private static func iid(_ text: String) throws -> Int {
    guard let number = Int(text), number > 0 else {
      throw CommentError("CI_MERGE_REQUEST_IID '\(text)' is not a number")
    }
    return number
  }

  /// The number in the workflow's event payload: `pull_request.number`, or an issue comment's
  /// issue when that issue is a pull request.
  private static func pullRequestNumber(_ environment: [String: String]) throws -> Int {
    guard let path = environment["GITHUB_EVENT_PATH"], !path.isEmpty else {
      throw CommentError(
        "no pull request: pass --pr N or run in a GitHub Actions pull_request workflow (GITHUB_EVENT_PATH)")
    }
    let event: JSONValue
    do {
      event = try JSONParser().parse(try RegularFile.contents(path))
    } catch let error as JSONParseError {
      throw error.in(path)
    } catch let error as RegularFile.Problem {
      throw CommentError("cannot read the workflow event '\(path)' (GITHUB_EVENT_PATH): \(error.reason)")
    }
    let issueIsPullRequest = event["issue"]?["pull_request"] != nil
    let field = event["pull_request"]?["number"] != nil ? "pull_request.number" : "issue.number"
    if let value = event["pull_request"]?["number"] ?? (issueIsPullRequest ? event["issue"]?["number"] : nil) {
      // The payload is a file anyone with write access to the workflow can shape: a number
      // that is not a positive whole number would address some other thread, or none.
      guard let number = value.intValue, number > 0 else {
        throw CommentError(
          "the workflow event's \(field) \(SafeText.quoted(JSONWriter.string(value, pretty: false), limit: 40)) is not a "
            + "pull request number of 1 or more; pass --pr N")
      }
      return number
    }
    let name = environment["GITHUB_EVENT_NAME"].map { " (\($0))" } ?? ""
    throw CommentError(
      "the workflow event\(name) is not about a pull request; run on 'pull_request' events or pass --pr N")
  }
}
