package main

import (
	"fmt"
	"strings"
)

// emitCompletion writes the bash, zsh and fish completion scripts as constants. Each
// script walks the words typed so far down the command tree of spec/, then offers that
// command's subcommands, its flags (after a -), or for commands marked `complete: keys`
// the stored key names from `reyn secret keys`, which never prints a value.
func emitCompletion(s *Spec) string {
	var b strings.Builder
	b.WriteString(header + "package cli\n\n")
	fmt.Fprintf(&b, "var completionScripts = map[string]string{\n\t\"bash\": %s,\n\t\"zsh\": %s,\n\t\"fish\": %s,\n}\n",
		goString(bashScript(s)), goString(zshScript(s)), goString(fishScript(s)))
	return b.String()
}

// completionWords returns what to offer for c: its subcommands, and its flags.
func completionWords(c *Command) (subs, flags []string) {
	for _, ch := range c.children {
		subs = append(subs, ch.name())
	}
	subs = append(subs, c.CompleteWords...)
	for _, f := range c.Flags {
		flags = append(flags, "--"+f.Name)
	}
	return subs, append(flags, "--help")
}

func pathPatterns(s *Spec, quote func(string) string, sep string) string {
	var pats []string
	for _, c := range s.Commands[1:] {
		pats = append(pats, quote(c.Path))
	}
	return strings.Join(pats, sep)
}

const keysCommand = "reyn secret keys 2>/dev/null"

func bashScript(s *Spec) string {
	var b strings.Builder
	b.WriteString("# bash completion for reyn, generated from spec/reyn.yaml.\n")
	b.WriteString("# Install: source <(reyn completion bash)   (e.g. in ~/.bashrc)\n")
	b.WriteString("_reyn() {\n\tlocal cur=\"${COMP_WORDS[COMP_CWORD]}\" cmdpath=reyn w i words\n")
	b.WriteString("\tfor ((i = 1; i < COMP_CWORD; i++)); do\n\t\tw=\"${COMP_WORDS[i]}\"\n")
	b.WriteString("\t\t[[ $w == -- ]] && return 0\n")
	fmt.Fprintf(&b, "\t\tcase \"$cmdpath $w\" in\n\t\t%s) cmdpath=\"$cmdpath $w\" ;;\n\t\tesac\n\tdone\n", pathPatterns(s, quoteDouble, " | "))
	b.WriteString("\tcase \"$cmdpath\" in\n")
	for _, c := range s.Commands {
		subs, flags := completionWords(c)
		words := strings.Join(subs, " ")
		if c.Complete == "keys" {
			words = "$(" + keysCommand + ")"
		}
		fmt.Fprintf(&b, "\t%s)\n\t\tif [[ $cur == -* ]]; then words=%s; else words=\"%s\"; fi ;;\n", quoteDouble(c.Path), quoteDouble(strings.Join(flags, " ")), words)
	}
	b.WriteString("\tesac\n\tCOMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n}\ncomplete -F _reyn reyn\n")
	return b.String()
}

func zshScript(s *Spec) string {
	var b strings.Builder
	b.WriteString("#compdef reyn\n# zsh completion for reyn, generated from spec/reyn.yaml.\n")
	b.WriteString("# Install: source <(reyn completion zsh)   (after compinit, e.g. in ~/.zshrc)\n")
	// "path" is zsh's array tied to PATH, so the walk uses another name.
	b.WriteString("_reyn() {\n\tlocal cmdpath=reyn w\n\tlocal -a cands\n")
	b.WriteString("\tfor w in \"${(@)words[2,CURRENT-1]}\"; do\n\t\t[[ $w == -- ]] && return 0\n")
	fmt.Fprintf(&b, "\t\tcase \"$cmdpath $w\" in\n\t\t(%s) cmdpath=\"$cmdpath $w\" ;;\n\t\tesac\n\tdone\n", pathPatterns(s, quoteDouble, "|"))
	b.WriteString("\tcase \"$cmdpath\" in\n")
	for _, c := range s.Commands {
		subs, flags := completionWords(c)
		words := "(" + strings.Join(subs, " ") + ")"
		if c.Complete == "keys" {
			words = "(${(f)\"$(" + keysCommand + ")\"})"
		}
		fmt.Fprintf(&b, "\t(%s)\n\t\tif [[ $PREFIX == -* ]]; then cands=(%s); else cands=%s; fi ;;\n", quoteDouble(c.Path), strings.Join(flags, " "), words)
	}
	b.WriteString("\tesac\n\tcompadd -a cands\n}\ncompdef _reyn reyn\n")
	return b.String()
}

func fishScript(s *Spec) string {
	var b strings.Builder
	b.WriteString("# fish completion for reyn, generated from spec/reyn.yaml.\n")
	b.WriteString("# Install: reyn completion fish > ~/.config/fish/completions/reyn.fish\n")
	b.WriteString("function __reyn_path\n\tset -l cmdpath reyn\n\tfor w in (commandline -opc)[2..-1]\n")
	fmt.Fprintf(&b, "\t\tswitch \"$cmdpath $w\"\n\t\t\tcase %s\n\t\t\t\tset cmdpath \"$cmdpath $w\"\n\t\tend\n\tend\n\techo $cmdpath\nend\n", pathPatterns(s, quoteSingle, " "))
	b.WriteString("complete -c reyn -f\n")
	for _, c := range s.Commands {
		cond := fmt.Sprintf("-n 'test (__reyn_path) = %s'", quoteDouble(c.Path))
		for _, ch := range c.children {
			fmt.Fprintf(&b, "complete -c reyn %s -a %s -d %s\n", cond, ch.name(), quoteSingle(ch.Summary))
		}
		if len(c.CompleteWords) > 0 {
			fmt.Fprintf(&b, "complete -c reyn %s -a %s\n", cond, quoteSingle(strings.Join(c.CompleteWords, " ")))
		}
		if c.Complete == "keys" {
			fmt.Fprintf(&b, "complete -c reyn %s -a '(%s)'\n", cond, keysCommand)
		}
		for _, f := range c.Flags {
			fmt.Fprintf(&b, "complete -c reyn %s -l %s -d %s\n", cond, f.Name, quoteSingle(f.Usage))
		}
	}
	return b.String()
}

func quoteDouble(s string) string { return `"` + s + `"` }

// quoteSingle quotes s for sh and fish, where a ' inside is written '\”.
func quoteSingle(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }
