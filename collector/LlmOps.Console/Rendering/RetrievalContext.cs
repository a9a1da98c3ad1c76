using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Html;

namespace LlmOps.Ui.Rendering;

/// <summary>
/// The documents retrieved in a trace, a table per span that retrieved them, on the trace page and on the review screen
/// (a reviewer judges an answer against them). A document already listed (same id) is not listed again: a model call
/// carries references to the documents its retrieval span holds, without their content.
/// </summary>
internal static class RetrievalContext
{
    public static IHtmlContent Tables(JsonNode? trace, int contentChars)
    {
        var listed = new HashSet<string>(StringComparer.Ordinal);
        var html = new StringBuilder();
        var spans = J.Spans(trace).Where(s => J.Arr(s, "retrieval_documents").Any()).OrderBy(s => J.Str(s["gen_ai"], "operation") == "retrieval" ? 0 : 1);
        foreach (var span in spans)
        {
            var documents = J.Arr(span, "retrieval_documents").Where(d => J.Str(d, "id") is not { } id || listed.Add(id)).ToList();
            if (documents.Count == 0)
            {
                continue;
            }

            html.Append("<table class=\"retrieval\"><caption>Documents for “").Append(Fmt.Text(J.Str(span["gen_ai"], "retrieval_query") ?? J.Str(span, "name"), 200)).Append("”</caption>")
                .Append("<thead><tr><th scope=\"col\">Document</th><th scope=\"col\" class=\"num\">Score</th><th scope=\"col\">Content</th></tr></thead><tbody>");
            foreach (var d in documents)
            {
                html.Append("<tr><td>").Append(Fmt.Text(J.Str(d, "id"), 80)).Append("</td><td class=\"num\">").Append(Fmt.Score(J.Num(d, "score")))
                    .Append("</td><td>").Append(Fmt.Text(J.Str(d, "content"), contentChars)).Append("</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        return new HtmlString(html.Length == 0 ? "<p>No documents were retrieved.</p>" : html.ToString());
    }
}
