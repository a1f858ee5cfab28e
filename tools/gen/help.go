package main

import (
	"fmt"
	"strings"
)

// helpText renders a command's --help screen. It lives in the generator, not in the CLI,
// so the screen is a constant of the generated code and a reviewer sees every change to it
// in the diff of a generated file.
func helpText(c *Command) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s - %s\n\nUSAGE\n  %s\n", c.Path, c.Summary, c.Usage)
	if d := strings.TrimSpace(c.Description); d != "" {
		b.WriteString("\n")
		for _, line := range strings.Split(d, "\n") {
			b.WriteString(strings.TrimRight("  "+line, " ") + "\n")
		}
	}
	if len(c.children) > 0 {
		b.WriteString("\nSUBCOMMANDS\n")
		w := 0
		for _, ch := range c.children {
			w = max(w, len(ch.name()))
		}
		for _, ch := range c.children {
			fmt.Fprintf(&b, "  %-*s  %s\n", w, ch.name(), ch.Summary)
		}
	}
	b.WriteString("\nFLAGS\n")
	rows := [][2]string{}
	for _, f := range c.Flags {
		left := "--" + f.Name
		if f.Short != "" {
			left = "-" + f.Short + ", " + left
		}
		if f.Type != "bool" {
			left += " " + f.placeholder()
		}
		rows = append(rows, [2]string{left, f.Usage})
	}
	rows = append(rows, [2]string{"-h, --help", "show this help"})
	w := 0
	for _, r := range rows {
		w = max(w, len(r[0]))
	}
	for _, r := range rows {
		fmt.Fprintf(&b, "  %-*s  %s\n", w, r[0], r[1])
	}
	if len(c.Examples) > 0 {
		b.WriteString("\nEXAMPLES\n")
		for _, e := range c.Examples {
			b.WriteString("  " + e + "\n")
		}
	}
	return b.String()
}

func (f *Flag) placeholder() string {
	if f.Placeholder != "" {
		return f.Placeholder
	}
	return strings.ToUpper(strings.ReplaceAll(f.Name, "-", "_"))
}
