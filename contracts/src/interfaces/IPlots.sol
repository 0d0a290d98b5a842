// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IPlots
/// @notice Plots are resolution-7 H3 cells sold as ERC-721 tokens whose id is the cell's 64-bit H3
/// index. Unowned cells are bought at the primary price; owned cells trade on the built-in market.
interface IPlots {
    // ------------------------------------------------------------------ structs

    /// @notice A plot offered for sale on the built-in market.
    /// @param seller Owner at listing time; the listing is void once the plot changes hands.
    /// @param price Asking price in HXA (wei).
    /// @param expiry Unix time after which the listing can no longer be bought.
    /// @param feeBps Market fee fixed when the plot was listed (a later fee change does not apply).
    struct Listing {
        address seller;
        uint96 price;
        uint64 expiry;
        uint16 feeBps;
    }

    /// @notice A buyer's offer for a plot, its HXA held by the contract until it is accepted or returned.
    /// @param seller Owner when the offer was made: only that account, while it owns the plot, may accept;
    /// once the plot is elsewhere the offer is dead (anyone may return its HXA to the buyer).
    /// @param amount HXA (wei) escrowed; zero means no offer.
    /// @param expiry Unix time after which the offer can no longer be accepted.
    struct Offer {
        address seller;
        uint96 amount;
        uint64 expiry;
    }

    // ------------------------------------------------------------------ errors

    /// @notice Thrown when `cell` is not a valid resolution-7 H3 cell index.
    error InvalidCell(uint256 cell);
    /// @notice Thrown when buying a plot at the primary price that already has an owner.
    error PlotAlreadyOwned(uint256 cell, address owner);
    /// @notice Thrown when `caller` acts on a plot it does not own.
    error NotPlotOwner(uint256 cell, address caller, address owner);
    /// @notice Thrown when a batch is empty or longer than `max`.
    error InvalidBatchLength(uint256 length, uint256 max);
    /// @notice Thrown when `cell` has no live listing (none, cancelled, or voided by a transfer).
    error NotListed(uint256 cell);
    /// @notice Thrown when buying a listing after its `expiry`.
    error ListingExpired(uint256 cell, uint64 expiry);
    /// @notice Thrown when a listing's `price` is above the buyer's `maxPrice`.
    error PriceAboveMax(uint256 cell, uint256 price, uint256 maxPrice);
    /// @notice Thrown when a listing price or offer amount is zero or does not fit in 96 bits.
    error InvalidPrice(uint256 price);
    /// @notice Thrown when a listing or offer expiry is not in the future.
    error InvalidExpiry(uint64 expiry);
    /// @notice Thrown when the seller tries to buy its own listing.
    error CannotBuyOwnListing(uint256 cell);
    /// @notice Thrown when the admin sets a market fee above `maxFeeBps`.
    error FeeTooHigh(uint256 feeBps, uint256 maxFeeBps);
    /// @notice Thrown when an address parameter is the zero address.
    error ZeroAddress();
    /// @notice Thrown when the owner of `cell` makes or accepts an offer on it.
    error OwnPlotOffer(uint256 cell);
    /// @notice Thrown when `buyer` has no open offer on `cell`.
    error NoOffer(uint256 cell, address buyer);
    /// @notice Thrown when accepting an offer after its `expiry`.
    error OfferExpired(uint256 cell, address buyer, uint64 expiry);
    /// @notice Thrown when the owner accepting is not the owner the offer was made to (the plot changed hands).
    error OfferNotToOwner(uint256 cell, address buyer, address seller);
    /// @notice Thrown when what an accepted offer pays the seller after the fee is below `minProceeds`.
    error ProceedsBelowMin(uint256 cell, uint256 proceeds, uint256 minProceeds);
    /// @notice Thrown when returning an offer that is still live (not expired, its seller still owns the plot).
    error OfferStillLive(uint256 cell, address buyer);

    // ------------------------------------------------------------------ events

    /// @notice Emitted when an unowned plot is bought at the primary price (one per plot in a batch).
    event PlotBought(uint256 indexed cell, address indexed buyer, uint256 price);
    /// @notice Emitted when an owner lists (or re-lists at a new price/expiry) a plot.
    event PlotListed(uint256 indexed cell, address indexed seller, uint256 price, uint64 expiry);
    /// @notice Emitted when a listing ends without a sale: cancelled by the owner or voided by a transfer.
    event ListingCancelled(uint256 indexed cell, address indexed seller);
    /// @notice Emitted when a listed plot is bought; `fee` of `price` went to the treasury.
    event PlotSold(
        uint256 indexed cell, address indexed seller, address indexed buyer, uint256 price, uint256 fee
    );
    /// @notice Emitted when `buyer` makes or replaces its offer on `cell` (to `seller`, the owner then).
    event OfferMade(
        uint256 indexed cell, address indexed buyer, address indexed seller, uint256 amount, uint64 expiry
    );
    /// @notice Emitted when `buyer` cancels its offer on `cell`; `amount` HXA went back to it.
    event OfferCancelled(uint256 indexed cell, address indexed buyer, uint256 amount);
    /// @notice Emitted when a dead offer (expired, or its plot changed hands) is returned to `buyer`.
    event OfferWithdrawn(uint256 indexed cell, address indexed buyer, uint256 amount);
    /// @notice Emitted when `seller` accepts `buyer`'s offer: the plot went to the buyer, `fee` of
    /// `amount` to the treasury and `amount - fee` to the seller (a `PlotSold` with the same figures follows).
    event OfferAccepted(
        uint256 indexed cell, address indexed seller, address indexed buyer, uint256 amount, uint256 fee
    );
    /// @notice Emitted when the admin changes the primary price.
    event PrimaryPriceUpdated(uint256 price);
    /// @notice Emitted when the admin changes the market fee.
    event MarketFeeUpdated(uint256 feeBps);
    /// @notice Emitted when the admin changes the treasury.
    event TreasuryUpdated(address treasury);

    // ------------------------------------------------------------------ primary sale

    /// @notice Buys the unowned plot `cell` at the primary price, paid in HXA by the caller; reverts
    /// `PriceAboveMax` when the price is above `maxPrice` (what the buyer was shown).
    function buy(uint256 cell, uint256 maxPrice) external;

    /// @notice Like `buy`, with an EIP-2612 permit for `maxPrice` so no separate approve is needed.
    function buyWithPermit(uint256 cell, uint256 maxPrice, uint256 deadline, uint8 v, bytes32 r, bytes32 s)
        external;

    /// @notice Buys every plot in `cells` at the primary price in one payment of at most `maxTotal`.
    function buyBatch(uint256[] calldata cells, uint256 maxTotal) external;

    /// @notice Like `buyBatch`, with an EIP-2612 permit for `maxTotal`.
    function buyBatchWithPermit(
        uint256[] calldata cells,
        uint256 maxTotal,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external;

    // ------------------------------------------------------------------ market

    /// @notice Lists an owned plot for `price` HXA until `expiry`; replaces any earlier listing.
    function list(uint256 cell, uint256 price, uint64 expiry) external;

    /// @notice Cancels the caller's listing of `cell`.
    function cancel(uint256 cell) external;

    /// @notice Buys a listed plot, paying at most `maxPrice` (guards against a price change in flight).
    function buyListed(uint256 cell, uint256 maxPrice) external;

    /// @notice Like `buyListed`, with an EIP-2612 permit for `maxPrice`.
    function buyListedWithPermit(
        uint256 cell,
        uint256 maxPrice,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external;

    // ------------------------------------------------------------------ offers

    /// @notice Offers `amount` HXA for the owned plot `cell` until `expiry`, escrowed by the contract.
    /// One open offer per buyer and plot: a new call replaces it (and the owner it is made to),
    /// pulling only the increase or returning the decrease.
    function makeOffer(uint256 cell, uint256 amount, uint64 expiry) external;

    /// @notice Like `makeOffer`, with an EIP-2612 permit for `amount` so no separate approve is needed.
    function makeOfferWithPermit(
        uint256 cell,
        uint256 amount,
        uint64 expiry,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external;

    /// @notice Cancels the caller's offer on `cell` (live or dead) and returns its HXA.
    function cancelOffer(uint256 cell) external;

    /// @notice Returns a dead offer's HXA to its `buyer`: one that expired or whose plot left the owner it
    /// was made to. Anyone may call; the HXA only ever goes to the buyer.
    function withdrawOffer(uint256 cell, address buyer) external;

    /// @notice Sells `cell` to `buyer` for its offer, in one transaction: the plot goes to the buyer, the
    /// market fee to the treasury and the rest to the caller, which must own the plot and be the owner the
    /// offer was made to. Reverts `ProceedsBelowMin` when the seller would receive less than
    /// `minProceeds` (an offer lowered, or the fee raised, since the seller looked).
    function acceptOffer(uint256 cell, address buyer, uint256 minProceeds) external;

    // ------------------------------------------------------------------ views

    /// @notice `buyer`'s offer on `cell` (live or dead), or a zero struct when it has none.
    function offerOf(uint256 cell, address buyer) external view returns (Offer memory);

    /// @notice The live listing of `cell`, or a zero struct when it has none.
    function listingOf(uint256 cell) external view returns (Listing memory);

    /// @notice Whether `cell` is a valid resolution-7 H3 cell index.
    function isValidCell(uint256 cell) external pure returns (bool);

    /// @notice Price of one unowned plot in HXA (wei).
    function primaryPrice() external view returns (uint256);

    /// @notice Market fee in basis points of the sale price.
    function marketFeeBps() external view returns (uint256);

    // ------------------------------------------------------------------ admin

    /// @notice Sets the primary price (admin only; above zero).
    function setPrimaryPrice(uint256 price) external;

    /// @notice Sets the market fee for new listings (admin only; at most the maximum fee).
    function setMarketFee(uint256 feeBps) external;

    /// @notice Sets the treasury that receives primary sales and fees (admin only).
    function setTreasury(address treasury) external;
}
