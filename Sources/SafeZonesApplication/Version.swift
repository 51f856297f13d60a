/// The version of SafeZones: what `safezones --version` prints, `/health` answers and the
/// OpenAPI document's `info.version` says.
public enum SafeZonesVersion {
  public static let current = "1.0.0"
}
