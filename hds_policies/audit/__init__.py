"""Live, read-only audits of cloud accounts (`hds-policies audit aws|ovh`): the account is read into
the engine's model and judged by the same rules as code."""
