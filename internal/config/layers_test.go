package config

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestFindLayersProjectUpward(t *testing.T) {
	root := t.TempDir()
	home := filepath.Join(root, "home")
	proj := filepath.Join(root, "work", "proj")
	writeFile(t, filepath.Join(proj, "reyn.yaml"), "a: 1\n")
	// A directory named reyn.yaml below the project must not stop the search.
	wd := filepath.Join(proj, "src", "deep")
	if err := os.MkdirAll(filepath.Join(wd, "reyn.yaml"), 0o755); err != nil {
		t.Fatal(err)
	}
	got := FindLayers(home, wd)
	want := []string{
		filepath.Join(home, ".reyn", "config.yaml"),
		filepath.Join(proj, "reyn.yaml"),
		filepath.Join(proj, "reyn.local.yaml"),
	}
	if !slices.Equal(got, want) {
		t.Fatalf("FindLayers = %q, want %q", got, want)
	}
	if got := FindLayers("", proj); !slices.Equal(got, want[1:]) {
		t.Fatalf("without home: %q, want %q", got, want[1:])
	}
}

func TestFindLayersNoProject(t *testing.T) {
	root := t.TempDir()
	home := filepath.Join(root, "home")
	// reyn.local.yaml alone does not make a project.
	writeFile(t, filepath.Join(root, "elsewhere", "reyn.local.yaml"), "a: 1\n")
	got := FindLayers(home, filepath.Join(root, "elsewhere"))
	if want := []string{filepath.Join(home, ".reyn", "config.yaml")}; !slices.Equal(got, want) {
		t.Fatalf("FindLayers = %q, want %q", got, want)
	}
}

func TestLayersLoadedAlone(t *testing.T) {
	root := t.TempDir()
	home := filepath.Join(root, "home")
	proj := filepath.Join(root, "proj")
	user := writeFile(t, filepath.Join(home, ".reyn", "config.yaml"), "who: user\nuser_only: 1\n")

	// Only the user layer: no project.
	c, err := Load(FindLayers(home, root))
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Files(); !slices.Equal(got, []string{user}) {
		t.Fatalf("Files = %q", got)
	}
	out, _ := show(t, c, Sources{})
	if out != "who: user\nuser_only: 1\n" {
		t.Fatalf("user only:\n%s", out)
	}

	// Project layer without a user layer: a missing file is silent.
	project := writeFile(t, filepath.Join(proj, "reyn.yaml"), "who: project\n")
	c, err = Load(FindLayers(filepath.Join(root, "nohome"), proj))
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Files(); !slices.Equal(got, []string{project}) {
		t.Fatalf("Files = %q", got)
	}

	// All three: each layer outranks the ones before it.
	local := writeFile(t, filepath.Join(proj, "reyn.local.yaml"), "who: local\nlocal_only: 3\n")
	c, err = Load(FindLayers(home, proj))
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Files(); !slices.Equal(got, []string{user, project, local}) {
		t.Fatalf("Files = %q", got)
	}
	out, _ = show(t, c, Sources{})
	if out != "who: local\nuser_only: 1\nlocal_only: 3\n" {
		t.Fatalf("three layers:\n%s", out)
	}
}

func TestDisplayPath(t *testing.T) {
	home := filepath.FromSlash("/home/u")
	wd := filepath.FromSlash("/home/u/proj")
	d := DisplayPath(home, wd)
	for in, want := range map[string]string{
		"/home/u/proj/reyn.yaml":     "reyn.yaml",
		"/home/u/.reyn/config.yaml":  "~/.reyn/config.yaml",
		"/srv/other/reyn.local.yaml": "/srv/other/reyn.local.yaml",
		"/home/u":                    "/home/u",
	} {
		if got := d(filepath.FromSlash(in)); got != filepath.FromSlash(want) && got != want {
			t.Errorf("DisplayPath(%q) = %q, want %q", in, got, want)
		}
	}
	w := Warning{Ref: "TOKEN", File: filepath.FromSlash("/home/u/proj/reyn.yaml"), Line: 7}
	if got := w.Format(d); got != "reyn.yaml:7: ${TOKEN} is not defined; using an empty string" {
		t.Errorf("Warning.Format = %q", got)
	}
	e := &FileError{File: filepath.FromSlash("/home/u/.reyn/config.yaml"), Line: 3, Reason: "invalid YAML: x"}
	if got := e.Format(d); got != "~/.reyn/config.yaml:3: invalid YAML: x" {
		t.Errorf("FileError.Format = %q", got)
	}
}
