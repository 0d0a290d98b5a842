// Famous sights people search by name. No package in reach ships landmarks with coordinates (the
// GeoNames city extract holds populated places only), so this short list is curated by hand; the
// online geocoder, when the browser reaches it, finds every other one.
export interface Landmark {
  name: string;
  /** Other names people type, e.g. the local name. */
  aka: string[];
  countryCode: string;
  lat: number;
  lng: number;
}

export const LANDMARKS: Landmark[] = [
  { name: "Eiffel Tower", aka: ["Tour Eiffel"], countryCode: "FR", lat: 48.8584, lng: 2.2945 },
  { name: "Louvre Museum", aka: ["Louvre", "Musée du Louvre"], countryCode: "FR", lat: 48.8606, lng: 2.3376 },
  { name: "Arc de Triomphe", aka: [], countryCode: "FR", lat: 48.8738, lng: 2.295 },
  { name: "Notre-Dame de Paris", aka: ["Notre Dame"], countryCode: "FR", lat: 48.853, lng: 2.3499 },
  {
    name: "Big Ben",
    aka: ["Elizabeth Tower", "Palace of Westminster"],
    countryCode: "GB",
    lat: 51.5007,
    lng: -0.1246,
  },
  { name: "Tower Bridge", aka: [], countryCode: "GB", lat: 51.5055, lng: -0.0754 },
  { name: "Buckingham Palace", aka: [], countryCode: "GB", lat: 51.5014, lng: -0.1419 },
  { name: "Statue of Liberty", aka: [], countryCode: "US", lat: 40.6892, lng: -74.0445 },
  { name: "Times Square", aka: [], countryCode: "US", lat: 40.758, lng: -73.9855 },
  { name: "Empire State Building", aka: [], countryCode: "US", lat: 40.7484, lng: -73.9857 },
  { name: "Central Park", aka: [], countryCode: "US", lat: 40.7829, lng: -73.9654 },
  { name: "Golden Gate Bridge", aka: [], countryCode: "US", lat: 37.8199, lng: -122.4783 },
  { name: "Hollywood Sign", aka: [], countryCode: "US", lat: 34.1341, lng: -118.3215 },
  { name: "White House", aka: [], countryCode: "US", lat: 38.8977, lng: -77.0365 },
  { name: "Colosseum", aka: ["Colosseo"], countryCode: "IT", lat: 41.8902, lng: 12.4922 },
  { name: "Leaning Tower of Pisa", aka: ["Torre di Pisa"], countryCode: "IT", lat: 43.723, lng: 10.3966 },
  { name: "Sagrada Família", aka: [], countryCode: "ES", lat: 41.4036, lng: 2.1744 },
  { name: "Brandenburg Gate", aka: ["Brandenburger Tor"], countryCode: "DE", lat: 52.5163, lng: 13.3777 },
  {
    name: "Acropolis of Athens",
    aka: ["Acropolis", "Parthenon"],
    countryCode: "GR",
    lat: 37.9715,
    lng: 23.7257,
  },
  { name: "Red Square", aka: ["Krasnaya Ploshchad"], countryCode: "RU", lat: 55.7539, lng: 37.6208 },
  { name: "Burj Khalifa", aka: [], countryCode: "AE", lat: 25.1972, lng: 55.2744 },
  { name: "Taj Mahal", aka: [], countryCode: "IN", lat: 27.1751, lng: 78.0421 },
  { name: "Forbidden City", aka: ["Palace Museum"], countryCode: "CN", lat: 39.9163, lng: 116.3972 },
  { name: "Tokyo Tower", aka: [], countryCode: "JP", lat: 35.6586, lng: 139.7454 },
  { name: "Sydney Opera House", aka: [], countryCode: "AU", lat: -33.8568, lng: 151.2153 },
  { name: "Christ the Redeemer", aka: ["Cristo Redentor"], countryCode: "BR", lat: -22.9519, lng: -43.2105 },
  { name: "Avenida Paulista", aka: ["Paulista Avenue"], countryCode: "BR", lat: -23.5614, lng: -46.6559 },
  { name: "Machu Picchu", aka: [], countryCode: "PE", lat: -13.1631, lng: -72.545 },
  {
    name: "Pyramids of Giza",
    aka: ["Great Pyramid of Giza", "Giza Pyramids"],
    countryCode: "EG",
    lat: 29.9792,
    lng: 31.1342,
  },
  { name: "CN Tower", aka: [], countryCode: "CA", lat: 43.6426, lng: -79.3871 },
];

/** Short names and nicknames of big cities that GeoNames' city extract does not carry. */
export const CITY_ALIASES: Record<string, { name: string; countryCode: string }> = {
  nyc: { name: "New York City", countryCode: "US" },
  "new york": { name: "New York City", countryCode: "US" },
  la: { name: "Los Angeles", countryCode: "US" },
  sf: { name: "San Francisco", countryCode: "US" },
  dc: { name: "Washington, D.C.", countryCode: "US" },
  "washington dc": { name: "Washington, D.C.", countryCode: "US" },
  philly: { name: "Philadelphia", countryCode: "US" },
  vegas: { name: "Las Vegas", countryCode: "US" },
  rio: { name: "Rio de Janeiro", countryCode: "BR" },
  sampa: { name: "São Paulo", countryCode: "BR" },
  cdmx: { name: "Mexico City", countryCode: "MX" },
  bombay: { name: "Mumbai", countryCode: "IN" },
  peking: { name: "Beijing", countryCode: "CN" },
  saigon: { name: "Ho Chi Minh City", countryCode: "VN" },
  kiev: { name: "Kyiv", countryCode: "UA" },
  "st petersburg": { name: "Saint Petersburg", countryCode: "RU" },
  munchen: { name: "Munich", countryCode: "DE" },
  roma: { name: "Rome", countryCode: "IT" },
  firenze: { name: "Florence", countryCode: "IT" },
  lisboa: { name: "Lisbon", countryCode: "PT" },
};
