locals {
  # --- quoted strings with escapes -------------------------------------
  quoted       = "She said \"hello\" and left"
  backslashes  = "C:\\Program Files\\Acme\\"
  newline_tab  = "line one\nline two\tindented"
  unicode_raw  = "Données de santé — café, naïve, Zürich, 東京"
  unicode_esc  = "caf\u00e9 \u2713 \U0001F600"
  mixed_escape = "path=\"${var.base}\\sub\"\r\n"
  empty        = ""
  just_dollar  = "cost: $5 or 100% off"
  not_comments = "https://example.com/#anchor // not a comment /* nor this */"
  s3_wildcard  = "arn:aws:s3:::${var.bucket}/*"

  # --- escaped template sequences ---------------------------------------
  literal_interp    = "$${not_interpolated}"
  literal_directive = "%%{not_a_directive}"
  mixed_literal     = "$${HOME}/bin:${var.path}"

  # --- interpolations ----------------------------------------------------
  only_interp   = "${var.name}"
  two_interps   = "${var.project}-${var.environment}"
  many_interps  = "${var.a}.${var.b}.${var.c}:${var.port}/${var.path}?q=${var.q}"
  interp_fn     = "${upper(var.environment)}-${length(var.names)}"
  nested_quotes = "${lookup(var.account_ids, "shared", "none")}-x"
  nested_cond   = "bucket-${var.environment == "prod" ? "live" : "test"}"
  nested_interp = "${var.prefix != "" ? "${var.prefix}-" : ""}app"
  interp_index  = "${var.account_ids["log-archive"]}:${var.zones[0]}"
  interp_math   = "${var.count * 2 + 1} items, ${var.ratio / 0.5} ratio"
  interp_for    = "${join(",", [for n in var.names : "${n}.internal"])}"
  interp_splat  = "${join(" ", aws_instance.web[*].private_ip)}"
  interp_null   = "${var.x == null ? "unset" : var.x}"
  interp_bool   = "${true && !false}"

  # --- template directives ----------------------------------------------
  if_directive   = "%{ if var.enabled }on%{ else }off%{ endif }"
  for_directive  = "%{ for n in var.names }${n};%{ endfor }"
  strip_markers  = "%{~ for i, n in var.names ~} ${i}=${n} %{~ endfor ~}"

  # --- strings in different positions ------------------------------------
  in_tuple   = ["a\"b", "c\\d", "${var.x}", "é", "$${y}", "%{ if true }t%{ endif }"]
  in_object  = { "key with spaces" = "v\tv", "${var.k}-dyn" = "${var.v}", plain = "p" }
  in_call    = format("%s=\"%s\"\n", var.key, replace(var.value, "\"", "\\\""))
  in_cond    = var.quote ? "\"${var.name}\"" : "'${var.name}'"
  in_index   = var.settings["${var.environment}-key"]
  in_compare = var.name == "d\u00e9j\u00e0" || var.name != "\t"

  # --- heredocs -----------------------------------------------------------
  plain_heredoc = <<EOT
This is a plain heredoc.
It keeps "quotes", back\slashes and ${var.environment} interpolation.

The line above is blank.
EOT

  indented_heredoc = <<-EOT
    server {
      listen ${var.port};
      server_name ${join(" ", var.hostnames)};

      location / {
        proxy_pass http://127.0.0.1:${var.app_port};
      }
    }
  EOT

  directive_heredoc = <<-TEMPLATE
    [defaults]
    %{ for k, v in var.settings ~}
    ${k} = "${v}"
    %{ endfor ~}
    %{ if var.debug }log_level = "debug"%{ else }log_level = "info"%{ endif }
    literal = $${not_this} and %%{nor_this}
  TEMPLATE

  long_marker = <<END_OF_TEXT
multi-word marker; EOT inside is not the end
END_OF_TEXT

  trimmed_arg = trimspace(<<EOT
  padded content
EOT
  )

  heredoc_list = [
    <<-A1
      first
    A1
    ,
    "second",
  ]

  heredoc_in_cond = (var.custom_banner ? <<-BANNER
    Welcome to ${var.environment}
    BANNER
  : "default banner")

  heredoc_index = var.banners[<<KEY
motd
KEY
  ]

  heredoc_map = {
    script = <<-SH
      #!/bin/sh
      echo "${var.environment}"
    SH
    inline = "not a heredoc"
  }
}

resource "aws_ssm_document" "bootstrap" {
  name          = "bootstrap-${var.environment}"
  document_type = "Command"
  content = jsonencode({
    schemaVersion = "2.2"
    description   = "Bootstrap \"${var.environment}\" hosts"
    mainSteps = [{
      action = "aws:runShellScript"
      name   = "run"
      inputs = { runCommand = ["echo \"ok\"", "exit 0"] }
    }]
  })
}
