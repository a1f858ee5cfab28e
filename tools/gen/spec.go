package main

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Spec is spec/reyn.yaml. Its shape is documented at the top of that file.
type Spec struct {
	Program   string     `yaml:"program"`
	ExitCodes []ExitCode `yaml:"exit_codes"`
	Arguments []Argument `yaml:"arguments"`
	Commands  []*Command `yaml:"commands"`
	Messages  []*Message `yaml:"messages"`
}

// Argument documents a positional argument for the reference pages.
type Argument struct {
	Name        string   `yaml:"name"`
	Commands    []string `yaml:"commands"`
	Description string   `yaml:"description"`
}

type ExitCode struct {
	Code    int    `yaml:"code"`
	Meaning string `yaml:"meaning"`
}

type Command struct {
	Path        string   `yaml:"path"`
	Handler     string   `yaml:"handler"`
	Summary     string   `yaml:"summary"`
	Usage       string   `yaml:"usage"`
	Description string   `yaml:"description"`
	Args        *Args    `yaml:"args"`
	Flags       []*Flag  `yaml:"flags"`
	Examples    []string `yaml:"examples"`
	// Outputs are the messages the reference page lists under the command.
	Outputs []string `yaml:"outputs"`
	// Audit describes the audit event the command records, for the reference page.
	Audit string `yaml:"audit"`
	// Complete names what shell completion offers for the arguments: "keys" (stored key
	// names), "command" (a program, then files) or nothing.
	Complete string `yaml:"complete"`
	// CompleteWords are fixed words completion offers for the arguments.
	CompleteWords []string `yaml:"complete_words"`

	parent   *Command
	children []*Command
}

// Args bounds the positional arguments; Max -1 means no upper bound.
type Args struct {
	Min  int    `yaml:"min"`
	Max  int    `yaml:"max"`
	Name string `yaml:"name"`
}

type Flag struct {
	Name  string `yaml:"name"`
	Short string `yaml:"short"`
	Type  string `yaml:"type"` // bool, string, stringlist
	Usage string `yaml:"usage"`
	// Placeholder names the value in help, e.g. TYPE for --type TYPE.
	Placeholder string `yaml:"placeholder"`
	// Values are the values completion offers after the flag.
	Values []string `yaml:"values"`
}

type Message struct {
	ID     string `yaml:"id"`
	Stream string `yaml:"stream"`
	Text   string `yaml:"text"`
	Exit   *int   `yaml:"exit"`
	// Newline is false for prompts, which leave the cursor on their line.
	Newline *bool `yaml:"newline"`
}

var (
	placeholderRE = regexp.MustCompile(`\{([a-z][a-zA-Z0-9]*)\}`)
	idRE          = regexp.MustCompile(`^[A-Z][A-Za-z0-9]*$`)
	flagRE        = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)
)

func parseSpec(src []byte) (*Spec, error) {
	var s Spec
	dec := yaml.NewDecoder(bytes.NewReader(src))
	dec.KnownFields(true)
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("spec: %w", err)
	}
	if err := s.link(); err != nil {
		return nil, fmt.Errorf("spec: %w", err)
	}
	return &s, nil
}

// link checks the table and builds the command tree; the generated code relies on every
// rule here, so a spec that breaks one must never reach it.
func (s *Spec) link() error {
	if s.Program == "" {
		return fmt.Errorf("program is empty")
	}
	byPath := map[string]*Command{}
	for _, c := range s.Commands {
		if _, dup := byPath[c.Path]; dup {
			return fmt.Errorf("command %q declared twice", c.Path)
		}
		byPath[c.Path] = c
		words := strings.Fields(c.Path)
		if len(words) == 0 || words[0] != s.Program {
			return fmt.Errorf("command %q does not start with %q", c.Path, s.Program)
		}
		if strings.Join(words, " ") != c.Path {
			return fmt.Errorf("command %q: path must be words separated by one space", c.Path)
		}
		if c.Summary == "" || c.Usage == "" || len(c.Examples) == 0 {
			return fmt.Errorf("command %q needs a summary, a usage line and an example", c.Path)
		}
		if !strings.HasPrefix(c.Usage, c.Path) {
			return fmt.Errorf("command %q: usage line must start with the full command path", c.Path)
		}
		if len(words) > 1 {
			p, ok := byPath[strings.Join(words[:len(words)-1], " ")]
			if !ok {
				return fmt.Errorf("command %q is declared before its parent", c.Path)
			}
			c.parent = p
			p.children = append(p.children, c)
		} else if c != s.Commands[0] {
			return fmt.Errorf("only the first command may be the root")
		}
		if c.Args != nil && c.Args.Max != -1 && c.Args.Max < c.Args.Min {
			return fmt.Errorf("command %q: args max < min", c.Path)
		}
		if c.Args != nil && c.Args.Min > 0 && c.Args.Name == "" {
			return fmt.Errorf("command %q: required args need a name", c.Path)
		}
		seen := map[string]bool{"help": true}
		for _, f := range c.Flags {
			if !flagRE.MatchString(f.Name) || seen[f.Name] {
				return fmt.Errorf("command %q: bad or duplicate flag %q", c.Path, f.Name)
			}
			seen[f.Name] = true
			if !slices.Contains([]string{"bool", "string", "stringlist"}, f.Type) {
				return fmt.Errorf("command %q: flag %q has unknown type %q", c.Path, f.Name, f.Type)
			}
			if len([]rune(f.Short)) > 1 {
				return fmt.Errorf("command %q: flag %q: short name must be one character", c.Path, f.Name)
			}
		}
	}
	for _, c := range s.Commands {
		if c.Handler == "" && len(c.children) == 0 {
			return fmt.Errorf("command %q has neither a handler nor subcommands", c.Path)
		}
		if c.Handler != "" && !idRE.MatchString(c.Handler) {
			return fmt.Errorf("command %q: handler %q is not an exported Go name", c.Path, c.Handler)
		}
	}
	for _, c := range s.Commands {
		if c.Complete != "" && c.Complete != "keys" && c.Complete != "command" {
			return fmt.Errorf("command %q: complete must be keys, command or empty", c.Path)
		}
	}
	codes := map[int]bool{}
	for _, e := range s.ExitCodes {
		codes[e.Code] = true
	}
	if !codes[0] {
		return fmt.Errorf("exit code 0 must be declared")
	}
	ids := map[string]bool{}
	for _, m := range s.Messages {
		if !idRE.MatchString(m.ID) || ids[m.ID] {
			return fmt.Errorf("message %q: bad or duplicate id", m.ID)
		}
		ids[m.ID] = true
		if m.Stream != "stdout" && m.Stream != "stderr" {
			return fmt.Errorf("message %q: stream must be stdout or stderr", m.ID)
		}
		if m.Exit != nil && !codes[*m.Exit] {
			return fmt.Errorf("message %q: exit code %d is not declared in exit_codes", m.ID, *m.Exit)
		}
		if strings.ContainsAny(m.Text, "\n") {
			return fmt.Errorf("message %q: text must be one line", m.ID)
		}
	}
	for _, c := range s.Commands {
		for _, id := range c.Outputs {
			if !ids[id] {
				return fmt.Errorf("command %q: output %q is not a declared message", c.Path, id)
			}
		}
	}
	return nil
}

// params returns a message's placeholders in order of first appearance.
func (m *Message) params() []string {
	var out []string
	for _, sub := range placeholderRE.FindAllStringSubmatch(m.Text, -1) {
		if !slices.Contains(out, sub[1]) {
			out = append(out, sub[1])
		}
	}
	return out
}

func (m *Message) exit() int {
	if m.Exit == nil {
		return 0
	}
	return *m.Exit
}

func (m *Message) newline() bool { return m.Newline == nil || *m.Newline }

func (c *Command) name() string {
	w := strings.Fields(c.Path)
	return w[len(w)-1]
}

// goName turns a command path or flag name into a Go identifier part.
func goName(s string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '-' || r == '_' }) {
		switch w {
		case "json", "id", "url":
			b.WriteString(strings.ToUpper(w))
		default:
			b.WriteString(strings.ToUpper(w[:1]) + w[1:])
		}
	}
	return b.String()
}

// examples returns every example command line of the spec once, comments left out.
func (s *Spec) examples() []string {
	var out []string
	for _, c := range s.Commands {
		for _, e := range c.Examples {
			if !strings.HasPrefix(e, "#") && !slices.Contains(out, e) {
				out = append(out, e)
			}
		}
	}
	return out
}
