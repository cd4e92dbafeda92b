/*
 * Comment torture test: every comment style in every reasonable position.
 * Quotes inside comments: "balanced" and it's fine.
 */

# hash comment at top level
// double-slash comment at top level
/* single-line block comment at top level */

resource "aws_sns_topic" "alerts" { # comment after block open
  name = "alerts-${var.environment}" # comment after value
  # comment between attributes
  display_name = "Alerts" // slash comment after value
  /* block comment between attributes */
  kms_master_key_id = "alias/aws/sns" /* block comment after value */

  /*
  multi-line block comment inside a body
  with several lines
  */
  fifo_topic = false
} # comment after block close

resource "aws_sns_topic_subscription" "email" { // open
  topic_arn = aws_sns_topic.alerts.arn
  protocol  = "email"
  endpoint  = var.alert_email
} // close

resource "aws_cloudwatch_log_group" "app" {
  name              = "/app/${var.environment}" # value containing a slash
  retention_in_days = 365 /* one year */
  kms_key_id        = aws_kms_key.data.arn

  tags = {
    # comment as first object element
    Team = "platform" # trailing comment on element
    // slash comment between elements
    Owner = "secops", /* comment after comma */
    /* multi-line comment
       between object elements */
    Retention = "1y"
    # comment as last element
  }
}

locals {
  commented_list = [
    # leading comment
    "a", # after first
    // between
    "b",
    /* inline */ "c",
    "d" /* before comma */,
    /*
      multi-line inside a tuple
    */
    "e",
    # trailing comment before bracket
  ]

  commented_call = merge(
    # the defaults
    var.default_tags,
    // the overrides
    var.extra_tags, /* last */
  )

  commented_for = [
    for s in var.names : # comment after colon
    upper(s)
    # comment before if
    if s != ""
  ]

  commented_cond = (
    var.enabled # comment after condition
    ? "on"      # comment after true branch
    : "off"     # comment after false branch
  )

  commented_math = (
    1 + # one
    2   // two
  )

  /* comment */ after_block_comment = true
  hash_in_string  = "#not-a-comment"
  slash_in_string = "//not-a-comment"
  star_in_string  = "/*not-a-comment*/"
}

variable "alert_email" {
  type = string
  # default intentionally omitted
}

# A block comment whose body looks like code:
/*
resource "aws_instance" "disabled" {
  ami = "ami-123"
  tags = { Name = "unterminated "quote" inside comment }
}
*/

output "alerts_topic" {
  value = aws_sns_topic.alerts.arn // trailing
}

# comment at end of file without anything after it
// and another
