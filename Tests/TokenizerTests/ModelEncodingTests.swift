import Testing
import Tokenizer

@Suite struct ModelEncodingTests {
  @Test(arguments: [
    "gpt-4o", "gpt-4o-mini", "gpt-4o-2024-08-06", "chatgpt-4o-latest", "gpt-4.1", "gpt-4.1-nano", "gpt-4.5-preview",
    "gpt-5", "gpt-5-mini", "gpt-5.1", "gpt-5.2-codex", "o1", "o1-mini", "o3", "o3-pro", "o4-mini", "gpt-oss-120b",
    "openai/gpt-4o", "azure/gpt-5-mini", "openrouter/openai/gpt-4.1", "ft:gpt-4o-mini:acme::abc123", "GPT-4O",
    "openai.gpt-oss-20b-1:0",
  ])
  func o200kModelsAreExact(_ model: String) {
    #expect(ModelEncoding.forModel(model) == ModelEncoding(encoding: .o200kBase, exact: true))
  }

  @Test(arguments: [
    "gpt-4", "gpt-4-0613", "gpt-4-turbo", "gpt-4-32k", "gpt-3.5-turbo", "gpt-3.5-turbo-0125", "gpt-35-turbo",
    "text-embedding-3-small", "text-embedding-3-large", "text-embedding-ada-002", "azure/gpt-35-turbo-16k",
    "ft:gpt-3.5-turbo:acme::x1",
  ])
  func cl100kModelsAreExact(_ model: String) {
    #expect(ModelEncoding.forModel(model) == ModelEncoding(encoding: .cl100kBase, exact: true))
  }

  @Test(arguments: [
    "claude-sonnet-4-6", "anthropic/claude-3-5-sonnet@20240620", "gemini-2.5-flash", "llama-3.1-70b", "mistral-large",
    "gpt-4.7", "o1x", "gpt-40", "deepseek-chat", "", "text-davinci-003",
  ])
  func otherModelsAreEstimatedWithO200k(_ model: String) {
    #expect(ModelEncoding.forModel(model) == ModelEncoding(encoding: .o200kBase, exact: false))
  }
}
