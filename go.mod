module github.com/reyn-cli/reyn

go 1.26.0

require (
	github.com/gofrs/flock v0.13.2
	github.com/peterbourgon/ff/v4 v4.0.0-alpha.4
	github.com/rogpeppe/go-internal v1.14.1
	github.com/subosito/gotenv v1.6.0
	go.yaml.in/yaml/v3 v3.0.6
	golang.org/x/sys v0.50.0
	golang.org/x/term v0.48.0
)

require (
	golang.org/x/text v0.12.0 // indirect
	golang.org/x/tools v0.26.0 // indirect
)
