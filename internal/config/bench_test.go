package config

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// midSizeConfig is about 500 lines: 40 MCP servers and 20 model classes,
// with a reference every few lines.
func midSizeConfig() string {
	var b strings.Builder
	b.WriteString("llm:\n  model: standard\n  api_base: ${LITELLM_API_BASE}\n  models:\n")
	for i := range 20 {
		fmt.Fprintf(&b, "    class%d:\n      model: provider/model-%d\n      reasoning_effort: low\n      api_key: ${API_KEY_%d}\n", i, i, i)
	}
	b.WriteString("mcp:\n  servers:\n")
	for i := range 40 {
		fmt.Fprintf(&b, `    server%d:
      type: stdio
      command: npx
      args: ["-y", "@scope/server-%d", "--port", "%d"]
      env:
        TOKEN: ${secret:server_%d_token}
        LOG_LEVEL: "info"
      headers:
        Authorization: "Bearer ${SERVER_%d_TOKEN}"
`, i, i, 8000+i, i, i)
	}
	return b.String()
}

func BenchmarkLoadShow(b *testing.B) {
	dir := b.TempDir()
	paths := []string{
		writeFile(b, filepath.Join(dir, "home", ".reyn", "config.yaml"), "llm:\n  api_base: https://x\n"),
		writeFile(b, filepath.Join(dir, "proj", "reyn.yaml"), midSizeConfig()),
		writeFile(b, filepath.Join(dir, "proj", "reyn.local.yaml"), "mcp:\n  servers:\n    server3:\n      command: uvx\n"),
	}
	src := Sources{Env: func(name string) (string, bool) { return "v", strings.HasSuffix(name, "_5") }}
	b.ReportAllocs()
	for b.Loop() {
		c, err := Load(paths)
		if err != nil {
			b.Fatal(err)
		}
		if _, _, err := c.Show(src); err != nil {
			b.Fatal(err)
		}
	}
}
