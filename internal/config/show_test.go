package config

import (
	"path/filepath"
	"slices"
	"testing"
)

// realWorld is a user, project and local layer shaped like reyn's docs.
func realWorld(t *testing.T) (c *Config, user, proj, local string) {
	t.Helper()
	dir := t.TempDir()
	user = writeFile(t, filepath.Join(dir, "home", ".reyn", "config.yaml"), `# personal defaults
llm:
  api_base: ${OLD_API_BASE}
  models:
    default-sonnet:
      model: claude-sonnet-4-5
      api_key: ${ANTHROPIC_API_KEY}   # resolved from secrets.env or shell
`)
	proj = writeFile(t, filepath.Join(dir, "proj", "reyn.yaml"), `llm:
  model: default-sonnet
  models:
    default-sonnet:
      extra_body:
        headers:
          Authorization: "Bearer ${TOKEN}"
mcp:
  servers:
    github:
      type: stdio
      command: npx
      args: ["-y", "@modelcontextprotocol/server-github"]
      env:
        GITHUB_PERSONAL_ACCESS_TOKEN: ${GITHUB_PERSONAL_ACCESS_TOKEN}
        LOG_LEVEL: "info"
auth:
  providers:
    github:
      client_id: "${secret:github_oauth_client_id}"
      client_secret: "${secret:github_oauth_client_secret}"
      scopes: [repo, user]
notes: "costs $$5; ${NOT_SET} stays empty; $HOME stays"
port: 8080
`)
	local = writeFile(t, filepath.Join(dir, "proj", "reyn.local.yaml"), `llm:
  api_base: ${LITELLM_API_BASE}
`)
	c, err := Load([]string{user, proj, local})
	if err != nil {
		t.Fatal(err)
	}
	return c, user, proj, local
}

var realWorldSources = Sources{
	Env: lookupMap(map[string]string{
		"ANTHROPIC_API_KEY": "sk-ant-env-value",
		"LITELLM_API_BASE":  "https://proxy.internal/v1",
		"OLD_API_BASE":      "https://old.internal",
	}),
	Secrets: lookupMap(map[string]string{
		"TOKEN":                        "secret-bearer-value",
		"GITHUB_PERSONAL_ACCESS_TOKEN": "ghp_secretvalue",
		"github_oauth_client_secret":   "oauth-secret-value",
		"ANTHROPIC_API_KEY":            "sk-ant-file-value",
	}),
}

func TestShowGolden(t *testing.T) {
	c, _, proj, _ := realWorld(t)
	out, ws, err := c.Show(realWorldSources)
	if err != nil {
		t.Fatal(err)
	}
	const want = `llm:
  api_base: '***'
  models:
    default-sonnet:
      model: claude-sonnet-4-5
      api_key: '***'
      extra_body:
        headers:
          Authorization: "Bearer ***"
  model: default-sonnet
mcp:
  servers:
    github:
      type: stdio
      command: npx
      args: ["-y", "@modelcontextprotocol/server-github"]
      env:
        GITHUB_PERSONAL_ACCESS_TOKEN: '***'
        LOG_LEVEL: "info"
auth:
  providers:
    github:
      client_id: ""
      client_secret: "***"
      scopes: [repo, user]
notes: "costs $5;  stays empty; $HOME stays"
port: 8080
`
	if string(out) != want {
		t.Fatalf("Show:\n%s\nwant:\n%s", out, want)
	}
	wantWs := []Warning{
		{Ref: "secret:github_oauth_client_id", File: proj, Line: 20},
		{Ref: "NOT_SET", File: proj, Line: 23},
	}
	if !slices.Equal(ws, wantWs) {
		t.Fatalf("warnings %+v\nwant %+v", ws, wantWs)
	}
}

func TestResolveRealWorld(t *testing.T) {
	c, _, _, _ := realWorld(t)
	root, _ := c.Resolve(realWorldSources)
	var v struct {
		LLM struct {
			APIBase string `yaml:"api_base"`
			Models  map[string]struct {
				APIKey    string `yaml:"api_key"`
				ExtraBody struct {
					Headers map[string]string
				} `yaml:"extra_body"`
			}
		}
		MCP struct {
			Servers map[string]struct{ Env map[string]string }
		}
		Notes string
		Port  int
	}
	if err := root.Decode(&v); err != nil {
		t.Fatal(err)
	}
	m := v.LLM.Models["default-sonnet"]
	switch {
	case v.LLM.APIBase != "https://proxy.internal/v1":
		t.Errorf("api_base %q", v.LLM.APIBase)
	case m.APIKey != "sk-ant-env-value": // the shell wins over secrets.env
		t.Errorf("api_key %q", m.APIKey)
	case m.ExtraBody.Headers["Authorization"] != "Bearer secret-bearer-value":
		t.Errorf("Authorization %q", m.ExtraBody.Headers["Authorization"])
	case v.MCP.Servers["github"].Env["GITHUB_PERSONAL_ACCESS_TOKEN"] != "ghp_secretvalue":
		t.Errorf("github env %v", v.MCP.Servers["github"].Env)
	case v.Notes != "costs $5;  stays empty; $HOME stays" || v.Port != 8080:
		t.Errorf("notes %q port %d", v.Notes, v.Port)
	}
}
