package config

import (
	"slices"
	"testing"
)

func TestRefsAllSources(t *testing.T) {
	c, user, proj, local := realWorld(t)
	got := c.Refs(realWorldSources)
	// OLD_API_BASE is gone: reyn.local.yaml replaced the value that held it.
	want := []Ref{
		{Name: "ANTHROPIC_API_KEY", Source: SourceEnvironment, File: user, Line: 7},
		{Name: "TOKEN", Source: SourceSecrets, File: proj, Line: 7},
		{Name: "GITHUB_PERSONAL_ACCESS_TOKEN", Source: SourceSecrets, File: proj, Line: 15},
		{Name: "secret:github_oauth_client_id", Source: SourceUndefined, File: proj, Line: 20},
		{Name: "secret:github_oauth_client_secret", Source: SourceSecrets, File: proj, Line: 21},
		{Name: "NOT_SET", Source: SourceUndefined, File: proj, Line: 23},
		{Name: "LITELLM_API_BASE", Source: SourceEnvironment, File: local, Line: 2},
	}
	if !slices.Equal(got, want) {
		t.Fatalf("Refs:\n%+v\nwant:\n%+v", got, want)
	}
}

func TestRefsSameLineOrder(t *testing.T) {
	c, paths := loadYAML(t, "b: ${B1}${secret:B2} ${B1}\na: [\"${A}\", \"${C}\"]\n")
	var names []string
	for _, r := range c.Refs(Sources{}) {
		if r.File != paths[0] || r.Source != SourceUndefined {
			t.Fatalf("ref %+v", r)
		}
		names = append(names, r.Name)
	}
	if want := []string{"B1", "secret:B2", "B1", "A", "C"}; !slices.Equal(names, want) {
		t.Fatalf("names %q, want %q", names, want)
	}
}

func TestNilLookups(t *testing.T) {
	c, _ := loadYAML(t, "a: ${X}\n")
	if refs := c.Refs(Sources{}); len(refs) != 1 || refs[0].Source != SourceUndefined {
		t.Fatalf("refs %+v", refs)
	}
}
