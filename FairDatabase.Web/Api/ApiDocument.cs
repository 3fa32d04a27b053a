using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace FairDatabase.Web.Api;

/// <summary>What the OpenAPI document cannot learn from the actions' signatures: the bearer scheme and the upload's streamed body.</summary>
internal static class ApiDocument
{
    public static void Configure(OpenApiOptions o)
    {
        o.ShouldInclude = d => d.RelativePath?.StartsWith("api/v1/", StringComparison.OrdinalIgnoreCase) == true;
        o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "FairDatabase API",
                Version = "v1",
                Description = "Your datasets and releases for scripts (R, Python). Every call needs a personal API token from /account/tokens.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "fdb_ personal API token",
                Description = "A personal API token: 'Authorization: Bearer fdb_…'. Uploads need the write scope.",
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] });
            return Task.CompletedTask;
        });
        // The upload reads its body itself (streamed, never bound), so the document is told its shape.
        o.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.HttpMethod != "POST" || context.Description.RelativePath != "api/v1/datasets") return Task.CompletedTask;
            var text = new OpenApiSchema { Type = JsonSchemaType.String };
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = "The table: a multipart form (fields before the file), or the file itself with the fields as query parameters.",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["multipart/form-data"] = new()
                    {
                        Schema = new OpenApiSchema
                        {
                            Type = JsonSchemaType.Object,
                            Required = new HashSet<string> { "file" },
                            Properties = new Dictionary<string, IOpenApiSchema>
                            {
                                ["name"] = text, ["description"] = text, ["origin"] = text, ["orientation"] = text, ["encoding"] = text,
                                ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
                            },
                        },
                    },
                    ["text/csv"] = new() { Schema = text, Example = JsonValue.Create("sample_id,taxon_a\nS1,12\n") },
                    ["text/tab-separated-values"] = new() { Schema = text },
                },
            };
            return Task.CompletedTask;
        });
    }
}
