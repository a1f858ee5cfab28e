package config

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

const corpusDir = "../../../shared/corpus/reyn-yaml"

// corpusSources define some of the corpus's names in each source; the rest
// are undefined. ANTHROPIC_API_KEY is in both, and the shell wins.
var corpusSources = Sources{
	Env: lookupMap(map[string]string{
		"ANTHROPIC_API_KEY":  "CORPUS-env-anthropic",
		"OTEL_TOKEN":         "CORPUS-env-otel",
		"EMBEDDING_API_BASE": "CORPUS-env-embedding",
		"LITELLM_API_BASE":   "CORPUS-env-litellm",
	}),
	Secrets: lookupMap(map[string]string{
		"ANTHROPIC_API_KEY":            "CORPUS-file-anthropic",
		"GITHUB_PERSONAL_ACCESS_TOKEN": "CORPUS-file-github",
		"INTERNAL_TOOLS_TOKEN":         "CORPUS-file-internal",
		"REYN_SERVE_TLS_KEY_PATH":      "CORPUS-file-tlskey",
		"github_oauth_client_id":       "CORPUS-file-ghid",
		"github_oauth_client_secret":   "CORPUS-file-ghsecret",
	}),
}

type corpusRef struct {
	name, source string
	line         int
}

const (
	env = SourceEnvironment
	sec = SourceSecrets
	und = SourceUndefined
	inv = SourceInvalid
)

// Expected references per file, from reading each file. References that
// stand only in comments (02, 03) are not references. The runtime slots of
// 08 are ${VAR} syntax and reported like any other (see the package doc).
var corpusRefs = map[string][]corpusRef{
	"01-reyn-project-root.yaml":       nil,
	"02-reyn-cookbook-with-mcp.yaml":  nil,
	"03-reyn-local-yaml-example.yaml": nil,
	"04-doc-var-interpolation-llm-mcp.yaml": {
		{"ANTHROPIC_API_KEY", env, 6},
		{"LITELLM_PROXY_TOKEN", und, 9},
		{"LITELLM_API_BASE", env, 10},
		{"GITHUB_PERSONAL_ACCESS_TOKEN", sec, 19},
		{"INTERNAL_TOOLS_TOKEN", sec, 24},
	},
	"05-doc-mcp-servers-env.yaml": {
		{"GITHUB_PERSONAL_ACCESS_TOKEN", sec, 17},
		{"INTERNAL_TOOLS_TOKEN", sec, 24},
	},
	"06-doc-auth-providers-secret-refs.yaml": {
		{"secret:github_oauth_client_id", sec, 4},
		{"secret:github_oauth_client_secret", sec, 9},
		{"secret:google_oauth_client_secret", und, 15},
	},
	"07-doc-observability-otel-headers.yaml": {
		{"OTEL_TOKEN", env, 5},
	},
	"08-doc-external-transports-templates.yaml": {
		{"TRANSPORT_DEST", und, 6},
		{"ROUTER_REPLY", und, 7},
		{"TRANSPORT_DEST", und, 11},
		{"ROUTER_REPLY", und, 14},
	},
	"09-doc-embedding-classes-api-base.yaml": {
		{"EMBEDDING_API_BASE", env, 24},
	},
	"10-adr0030-legacy-layout-ja.yaml": {
		{"ANTHROPIC_API_KEY", env, 5},
		{"LITELLM_PROXY_TOKEN", und, 8},
		{"LITELLM_API_BASE", env, 11},
		{"GITHUB_PERSONAL_ACCESS_TOKEN", sec, 17},
		{"REYN_SERVE_TLS_KEY_PATH", sec, 22},
		{"REYN_SERVE_TLS_CERT_PATH", und, 23},
	},
}

func TestCorpus(t *testing.T) {
	entries, err := os.ReadDir(corpusDir)
	if os.IsNotExist(err) {
		t.Skip("corpus not present:", corpusDir)
	}
	if err != nil {
		t.Fatal(err)
	}
	var seen []string
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".yaml") {
			continue
		}
		seen = append(seen, e.Name())
		t.Run(e.Name(), func(t *testing.T) {
			want, ok := corpusRefs[e.Name()]
			if !ok {
				t.Fatalf("no expected table for %s", e.Name())
			}
			data, err := os.ReadFile(filepath.Join(corpusDir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			root := t.TempDir()
			proj := filepath.Join(root, "proj")
			path := writeFile(t, filepath.Join(proj, "reyn.yaml"), string(data))
			c, err := Load(FindLayers(filepath.Join(root, "home"), filepath.Join(proj, "sub")))
			if err != nil {
				t.Fatal(err)
			}

			var got []corpusRef
			for _, r := range c.Refs(corpusSources) {
				if r.File != path {
					t.Errorf("ref %+v: file is not %s", r, path)
				}
				got = append(got, corpusRef{r.Name, r.Source, r.Line})
			}
			if !slices.Equal(got, want) {
				t.Errorf("Refs:\n%v\nwant:\n%v", got, want)
			}

			out, ws, err := c.Show(corpusSources)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(string(out), "CORPUS-") {
				t.Errorf("Show leaks a value:\n%s", out)
			}
			var warned int
			for _, r := range want {
				if r.source == und || r.source == inv {
					warned++
				}
			}
			if len(ws) != warned {
				t.Errorf("%d warnings, want %d: %v", len(ws), warned, ws)
			}

			// Without references, what Show prints is the file's own data.
			var shown, orig any
			if err := yaml.Unmarshal(out, &shown); err != nil {
				t.Fatalf("Show output does not parse: %v", err)
			}
			if len(want) == 0 {
				if err := yaml.Unmarshal(data, &orig); err != nil {
					t.Fatal(err)
				}
				if orig == nil {
					orig = map[string]any{}
				}
				if !reflect.DeepEqual(shown, orig) {
					t.Errorf("Show changed the data:\n%s", out)
				}
			}
		})
	}
	if len(seen) != len(corpusRefs) {
		t.Errorf("corpus files %q, table has %d", seen, len(corpusRefs))
	}
}
