package main

import (
	"fmt"
	"strings"
)

// emitCompletion writes the bash, zsh and fish completion scripts as constants. Each
// script walks the words typed so far down the command tree of spec/, counting the
// positional arguments, then offers what fits the word under the cursor: a flag's
// values after the flag, the command's flags after a dash, else its subcommands, or for
// its first argument the stored key names (`complete: keys`, from `reyn secret keys`,
// which never prints a value), a program (`complete: command`) or fixed words.
func emitCompletion(s *Spec) string {
	var b strings.Builder
	b.WriteString(header + "package cli\n\n")
	fmt.Fprintf(&b, "var completionScripts = map[string]string{\n\t\"bash\": %s,\n\t\"zsh\": %s,\n\t\"fish\": %s,\n}\n",
		goString(bashScript(s)), goString(zshScript(s)), goString(fishScript(s)))
	return b.String()
}

// completionWords returns c's subcommands and fixed argument words, and its flags.
func completionWords(c *Command) (words, flags []string) {
	for _, ch := range c.children {
		words = append(words, ch.name())
	}
	words = append(words, c.CompleteWords...)
	for _, f := range c.Flags {
		flags = append(flags, "--"+f.Name)
	}
	return words, append(flags, "--help")
}

// maxArgs is how many positional arguments c takes; -1 is no limit.
func maxArgs(c *Command) int {
	if c.Args == nil {
		return 0
	}
	return c.Args.Max
}

func pathPatterns(s *Spec, quote func(string) string, sep string) string {
	var pats []string
	for _, c := range s.Commands[1:] {
		pats = append(pats, quote(c.Path))
	}
	return strings.Join(pats, sep)
}

// valueFlags lists "path --flag" for every flag that takes a value, with its values.
func valueFlags(s *Spec) (pairs [][2]string) {
	for _, c := range s.Commands {
		for _, f := range c.Flags {
			if f.Type != "bool" {
				pairs = append(pairs, [2]string{c.Path + " --" + f.Name, strings.Join(f.Values, " ")})
			}
		}
	}
	return pairs
}

const keysCommand = "reyn secret keys 2>/dev/null"

func bashScript(s *Spec) string {
	var b strings.Builder
	b.WriteString("# bash completion for reyn, generated from spec/reyn.yaml.\n")
	b.WriteString("# Install: source <(reyn completion bash)   (e.g. in ~/.bashrc)\n")
	b.WriteString("_reyn() {\n\tlocal cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\" cmdpath=reyn w i npos=0 words=\n")
	b.WriteString("\tfor ((i = 1; i < COMP_CWORD; i++)); do\n\t\tw=\"${COMP_WORDS[i]}\"\n")
	b.WriteString("\t\t# After --, the words are the command's own: complete files.\n")
	b.WriteString("\t\tif [[ $w == -- ]]; then compopt -o default 2>/dev/null; COMPREPLY=(); return 0; fi\n")
	b.WriteString("\t\t[[ $w == -* ]] && continue\n")
	fmt.Fprintf(&b, "\t\tcase \"$cmdpath $w\" in\n\t\t%s) cmdpath=\"$cmdpath $w\" ;;\n\t\t*) npos=$((npos + 1)) ;;\n\t\tesac\n\tdone\n", pathPatterns(s, quoteDouble, " | "))
	b.WriteString("\tcase \"$cmdpath $prev\" in\n")
	for _, vf := range valueFlags(s) {
		fmt.Fprintf(&b, "\t%s) COMPREPLY=($(compgen -W %s -- \"$cur\")); return 0 ;;\n", quoteDouble(vf[0]), quoteDouble(vf[1]))
	}
	b.WriteString("\tesac\n\tcase \"$cmdpath\" in\n")
	for _, c := range s.Commands {
		words, flags := completionWords(c)
		fmt.Fprintf(&b, "\t%s)\n\t\tif [[ $cur == -* ]]; then words=%s\n", quoteDouble(c.Path), quoteDouble(strings.Join(flags, " ")))
		switch {
		case c.Complete == "keys":
			fmt.Fprintf(&b, "\t\telif ((npos < %d)); then words=\"$(%s)\"\n", maxArgs(c), keysCommand)
		case c.Complete == "command":
			b.WriteString("\t\telif ((npos == 0)); then COMPREPLY=($(compgen -c -- \"$cur\" | sort -u)); return 0\n")
			b.WriteString("\t\telse compopt -o default 2>/dev/null; COMPREPLY=(); return 0\n")
		case len(words) > 0:
			fmt.Fprintf(&b, "\t\telif ((npos == 0)); then words=%s\n", quoteDouble(strings.Join(words, " ")))
		}
		b.WriteString("\t\tfi ;;\n")
	}
	b.WriteString("\tesac\n\tCOMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n}\ncomplete -F _reyn reyn\n")
	return b.String()
}

func zshScript(s *Spec) string {
	var b strings.Builder
	b.WriteString("#compdef reyn\n# zsh completion for reyn, generated from spec/reyn.yaml.\n")
	b.WriteString("# Install: source <(reyn completion zsh)   (after compinit, e.g. in ~/.zshrc)\n")
	// "path" is zsh's array tied to PATH, so the walk uses another name.
	b.WriteString("_reyn() {\n\tlocal cmdpath=reyn w prev=${words[CURRENT-1]}\n\tlocal -i npos=0\n\tlocal -a cands\n")
	b.WriteString("\tfor w in \"${(@)words[2,CURRENT-1]}\"; do\n")
	b.WriteString("\t\tif [[ $w == -- ]]; then _files; return; fi\n\t\t[[ $w == -* ]] && continue\n")
	fmt.Fprintf(&b, "\t\tcase \"$cmdpath $w\" in\n\t\t(%s) cmdpath=\"$cmdpath $w\" ;;\n\t\t(*) npos+=1 ;;\n\t\tesac\n\tdone\n", pathPatterns(s, quoteDouble, "|"))
	b.WriteString("\tcase \"$cmdpath $prev\" in\n")
	for _, vf := range valueFlags(s) {
		fmt.Fprintf(&b, "\t(%s) cands=(%s); compadd -a cands; return ;;\n", quoteDouble(vf[0]), vf[1])
	}
	b.WriteString("\tesac\n\tcase \"$cmdpath\" in\n")
	for _, c := range s.Commands {
		words, flags := completionWords(c)
		fmt.Fprintf(&b, "\t(%s)\n\t\tif [[ $PREFIX == -* ]]; then cands=(%s)\n", quoteDouble(c.Path), strings.Join(flags, " "))
		switch {
		case c.Complete == "keys":
			fmt.Fprintf(&b, "\t\telif ((npos < %d)); then cands=(${(f)\"$(%s)\"})\n", maxArgs(c), keysCommand)
		case c.Complete == "command":
			b.WriteString("\t\telif ((npos == 0)); then _command_names -e; return\n\t\telse _files; return\n")
		case len(words) > 0:
			fmt.Fprintf(&b, "\t\telif ((npos == 0)); then cands=(%s)\n", strings.Join(words, " "))
		}
		b.WriteString("\t\tfi ;;\n")
	}
	b.WriteString("\tesac\n\tcompadd -a cands\n}\ncompdef _reyn reyn\n")
	return b.String()
}

func fishScript(s *Spec) string {
	var b strings.Builder
	b.WriteString("# fish completion for reyn, generated from spec/reyn.yaml.\n")
	b.WriteString("# Install: reyn completion fish > ~/.config/fish/completions/reyn.fish\n")
	b.WriteString("# __reyn_at PATH N: the words typed so far lead to PATH, with N positional\n# arguments after it (N may be omitted).\n")
	b.WriteString("function __reyn_at\n\tset -l cmdpath reyn\n\tset -l npos 0\n\tfor w in (commandline -opc)[2..-1]\n")
	b.WriteString("\t\tif test \"$w\" = --\n\t\t\treturn 1\n\t\tend\n\t\tstring match -q -- '-*' $w; and continue\n")
	fmt.Fprintf(&b, "\t\tswitch \"$cmdpath $w\"\n\t\t\tcase %s\n\t\t\t\tset cmdpath \"$cmdpath $w\"\n\t\t\tcase '*'\n\t\t\t\tset npos (math $npos + 1)\n\t\tend\n\tend\n", pathPatterns(s, quoteSingle, " "))
	b.WriteString("\ttest \"$cmdpath\" = \"$argv[1]\"; and begin; test (count $argv) -lt 2; or test $npos -eq $argv[2]; end\nend\n")
	b.WriteString("complete -c reyn -f\n")
	for _, c := range s.Commands {
		at := fmt.Sprintf("-n '__reyn_at %s'", quoteDouble(c.Path))
		first := fmt.Sprintf("-n '__reyn_at %s 0'", quoteDouble(c.Path))
		for _, ch := range c.children {
			fmt.Fprintf(&b, "complete -c reyn %s -a %s -d %s\n", first, ch.name(), quoteSingle(ch.Summary))
		}
		if len(c.CompleteWords) > 0 {
			fmt.Fprintf(&b, "complete -c reyn %s -a %s\n", first, quoteSingle(strings.Join(c.CompleteWords, " ")))
		}
		switch c.Complete {
		case "keys":
			fmt.Fprintf(&b, "complete -c reyn %s -a '(%s)'\n", first, keysCommand)
		case "command":
			fmt.Fprintf(&b, "complete -c reyn %s -a '(__fish_complete_command)'\n", first)
		}
		for _, f := range c.Flags {
			values := ""
			if f.Type != "bool" {
				values = " -x"
				if len(f.Values) > 0 {
					values += " -a " + quoteSingle(strings.Join(f.Values, " "))
				}
			}
			fmt.Fprintf(&b, "complete -c reyn %s -l %s%s -d %s\n", at, f.Name, values, quoteSingle(f.Usage))
		}
	}
	return b.String()
}

func quoteDouble(s string) string { return `"` + s + `"` }

// quoteSingle quotes s for sh and fish, where a ' inside is written '\”.
func quoteSingle(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }
