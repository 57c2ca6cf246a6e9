//! Nothing of its own: the bench builds `aws-sdk-chime` in this workspace
//! and counts the lines of its source.
